package dev.switchboard.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LogFormatTest {

    private static final String STRUCTURED = "logging.structured.format.console";

    @Test
    void logsStayHumanReadableUnlessAskedOtherwise() {
        assertThat(formatFor(null)).isNull();
        assertThat(formatFor("text")).isNull();
    }

    @Test
    void jsonMeansElasticCommonSchema() {
        assertThat(formatFor("json")).isEqualTo("ecs");
        assertThat(formatFor("LOGSTASH")).isEqualTo("logstash");
    }

    @Test
    void anUnknownFormatStopsTheNodeWithTheChoices() {
        assertThatThrownBy(() -> formatFor("xml")).hasMessageContaining("text, json, ecs, logstash or gelf");
    }

    private static String formatFor(String value) {
        MockEnvironment environment = new MockEnvironment();
        if (value != null) {
            environment.setProperty(LogFormat.PROPERTY, value);
        }
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(STRUCTURED);
    }
}
