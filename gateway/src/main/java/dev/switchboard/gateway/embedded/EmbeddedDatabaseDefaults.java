package dev.switchboard.gateway.embedded;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no datasource configured, a node runs on an embedded H2 database in PostgreSQL mode, in a file under
 * {@code switchboard.data-dir} (default {@code ./data}), so a first run needs only a JDK and loses nothing on restart.
 * The defaults are added only when {@code spring.datasource.url} is absent, so a configured PostgreSQL never inherits
 * H2's user name.
 *
 * <p>{@code DB_CLOSE_ON_EXIT=FALSE}: H2 otherwise closes the database from a JVM shutdown hook of its own, which runs
 * alongside Spring's, so a stopping node could lose its database in the middle of its drain: closes went unrecorded
 * and the lease was left ALIVE, as after a crash. Without it, the database closes when the pool closes its last
 * connection, and Spring closes the pool only after every lifecycle (drain, lease) has stopped.
 */
public class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "switchboardEmbeddedDatabase";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        String dataDir = environment.getProperty("switchboard.data-dir", "./data");
        String url = "jdbc:h2:file:" + dataDir + "/switchboard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        PROPERTY_SOURCE,
                        Map.of(
                                "spring.datasource.url", url,
                                "spring.datasource.username", "sa",
                                "spring.datasource.password", "")));
    }
}
