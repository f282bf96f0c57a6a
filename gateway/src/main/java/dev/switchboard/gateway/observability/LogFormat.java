package dev.switchboard.gateway.observability;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code SWITCHBOARD_LOG_FORMAT=json} turns on Spring Boot's structured console logging (Elastic Common Schema, one
 * JSON object a line); {@code ecs}, {@code logstash} and {@code gelf} pick a format. Unset, logs stay human-readable.
 * It runs before the logging system starts, which reads {@code logging.structured.format.console}.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String PROPERTY = "switchboard.log-format";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        String structured =
                switch (format) {
                    case "", "text" -> null;
                    case "json" -> "ecs";
                    case "ecs", "logstash", "gelf" -> format;
                    default ->
                        throw new IllegalArgumentException(
                                PROPERTY + " must be text, json, ecs, logstash or gelf, not " + format);
                };
        if (structured != null) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "switchboardLogFormat", Map.of("logging.structured.format.console", structured)));
        }
    }
}
