package dev.switchboard.gateway;

import dev.switchboard.gateway.auth.TokenCommand;
import dev.switchboard.gateway.cli.AuditCommands;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** One Switchboard node: the command side, the query side and the WebSocket gateway in one process. */
@SpringBootApplication(scanBasePackages = "dev.switchboard")
@ConfigurationPropertiesScan("dev.switchboard")
public class SwitchboardApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            // a development tool in the same jar: mints a token and exits without starting the node
            System.exit(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (AuditCommands.handles(args)) {
            // the audit tools read the log's database directly; no node starts
            System.exit(AuditCommands.run(args));
        }
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
