package dev.switchboard.gateway.support;

import dev.switchboard.gateway.SwitchboardApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** The settings every test node needs, and extra nodes in the same JVM sharing this run's database. */
public final class Nodes {

    /** An upgrade burst no test reaches, at the default rate: the bucket never runs dry within a test run. */
    public static final String UNLIMITED_UPGRADES = "1000000000";

    private Nodes() {}

    /**
     * The test database and the test signing secret: what {@link PostgresIntegrationTest} gives its node too. Every
     * test client connects from 127.0.0.1, so the suite's refused tokens would open that address's authentication
     * circuit for the tests after them, and their upgrades would soon exceed that address's upgrade rate: both are
     * lifted here, and {@link HardenedNodeTest} and its subclasses test them on nodes of their own.
     */
    public static Map<String, String> properties() {
        TestDatabase database = TestDatabase.shared();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("switchboard.jwt.secret", Tokens.SECRET);
        properties.put("switchboard.limits.auth-failures", "100000");
        properties.put("switchboard.limits.upgrade-burst", UNLIMITED_UPGRADES);
        // Spring keeps the contexts of earlier test classes open, each with its pool: one a load test grew to 24
        // connections would hold them for Hikari's 10 idle minutes, and a few of those exhaust the server's 100.
        properties.put("spring.datasource.hikari.idle-timeout", "10000");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        // the tests make registry checkpoints where they need them (RegistryCheckpointJobIT runs the node's round):
        // a node's own round, on a log that LongResumeIT makes long, would hold the checkpoint lock meanwhile
        properties.put("switchboard.checkpoints.interval", "1h");
        return properties;
    }

    /** A further node on a random port; {@code extraSources} add beans, e.g. to hold up its start. */
    public static SpringApplicationBuilder node(Class<?>... extraSources) {
        List<Class<?>> sources = new ArrayList<>(List.of(SwitchboardApplication.class));
        sources.addAll(List.of(extraSources));
        List<String> settings = new ArrayList<>();
        properties().forEach((name, value) -> settings.add(name + "=" + value));
        // builder properties are defaults, which application.yml's server.port (8080) overrides; this source does not
        ApplicationContextInitializer<ConfigurableApplicationContext> randomPort = context -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("randomPort", Map.of("server.port", "0")));
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .properties(settings.toArray(String[]::new))
                .initializers(randomPort);
    }

    public static ConfigurableApplicationContext start() {
        return node().run();
    }
}
