package dev.switchboard.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** One Switchboard node: the command side, the query side and the WebSocket gateway in one process. */
@SpringBootApplication(scanBasePackages = "dev.switchboard")
@ConfigurationPropertiesScan("dev.switchboard")
public class SwitchboardApplication {

    public static void main(String[] args) {
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
