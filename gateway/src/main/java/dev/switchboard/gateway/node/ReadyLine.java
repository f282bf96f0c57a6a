package dev.switchboard.gateway.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The line an operator waits for at start: this node is ready, on which port, on which database. The database is
 * named by its URL without what may carry credentials (query parameters, H2's settings, a user and password before
 * the host), since secrets are never logged.
 */
@Component
class ReadyLine implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ReadyLine.class);

    private final NodeIdentity node;
    private final Environment environment;

    ReadyLine(NodeIdentity node, Environment environment) {
        this.node = node;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Object port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : environment.getProperty("server.port");
        log.info(
                "node {} ready on port {} (WebSocket /ws, health /actuator/health), database {}",
                node.id(),
                port,
                withoutCredentials(environment.getProperty("spring.datasource.url", "(none)")));
    }

    static String withoutCredentials(String jdbcUrl) {
        return jdbcUrl.replaceFirst("[?;].*", "").replaceFirst("//[^/@]*@", "//");
    }
}
