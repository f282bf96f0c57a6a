package dev.switchboard.gateway;

import dev.switchboard.gateway.cli.SwitchboardCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** One Switchboard node: the command side, the query side and the WebSocket gateway in one process. */
@SpringBootApplication(scanBasePackages = "dev.switchboard")
@ConfigurationPropertiesScan("dev.switchboard")
public class SwitchboardApplication {

    public static void main(String[] args) {
        if (!SwitchboardCommands.startANode(args)) {
            // a tool in the same jar (token, history, verify, ...), help, or a mistake: none of them starts a node
            System.exit(SwitchboardCommands.run(args));
        }
        // Axon's documented switch for the AxonIQ Console advertisement it otherwise logs at every start
        System.setProperty("disable-axoniq-console-message", "true");
        new SpringApplication(SwitchboardApplication.class) {
            // "No active profile set, falling back to 1 default profile" on every start says nothing: nodes use none
            @Override
            protected void logStartupProfileInfo(ConfigurableApplicationContext context) {
                if (context.getEnvironment().getActiveProfiles().length > 0) {
                    super.logStartupProfileInfo(context);
                }
            }
        }.run(args);
    }
}
