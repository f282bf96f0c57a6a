package dev.switchboard.gateway;

import dev.switchboard.gateway.cli.SwitchboardCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** One Switchboard node: the command side, the query side and the WebSocket gateway in one process. */
@SpringBootApplication(scanBasePackages = "dev.switchboard")
@ConfigurationPropertiesScan("dev.switchboard")
public class SwitchboardApplication {

    public static void main(String[] args) {
        if (!SwitchboardCommands.startANode(args)) {
            // a tool in the same jar (token, history, verify, ...), help, or a mistake: none of them starts a node
            System.exit(SwitchboardCommands.run(args));
        }
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
