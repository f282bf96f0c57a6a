package dev.switchboard.bench.lifecycle;

import dev.switchboard.bench.BenchDatabase;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.SwitchboardApplication;
import dev.switchboard.gateway.node.NodeIdentity;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The gateway application, started in this JVM on a benchmark database with the node's shipped settings (pool size
 * included), so the lifecycle figure is the command side as a node runs it, minus only the sockets.
 */
public final class InProcessNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    public InProcessNode(BenchDatabase database) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        // the node refuses to start on PostgreSQL without a secret; nothing here verifies a token, so any will do
        properties.put("switchboard.jwt.secret", randomSecret());
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("logging.level.root", "WARN");
        // first among the property sources: the builder's own properties are defaults, and application.yml's
        // server.port (8080, or SERVER_PORT) would win over them
        ApplicationContextInitializer<ConfigurableApplicationContext> first = context ->
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchNode", properties));
        this.context = new SpringApplicationBuilder(SwitchboardApplication.class)
                .initializers(first)
                .run();
    }

    public org.springframework.context.ApplicationContext context() {
        return context;
    }

    public ConnectionCommands commands() {
        return context.getBean(ConnectionCommands.class);
    }

    public String nodeId() {
        return context.getBean(NodeIdentity.class).id();
    }

    @Override
    public void close() {
        context.close();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
