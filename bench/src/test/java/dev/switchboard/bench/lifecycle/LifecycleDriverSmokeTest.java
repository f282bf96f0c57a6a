package dev.switchboard.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the harness still works after a change elsewhere: one caller for two seconds against a fresh database. It
 * asserts that lifecycles completed and a result was written, never how fast: speed is run.sh's business.
 */
class LifecycleDriverSmokeTest {

    @Test
    void drivesCompleteLifecyclesAndWritesTheResult(@TempDir Path directory) throws Exception {
        Path out = directory.resolve("lifecycle.json");

        LifecycleDriver.run(out, Duration.ofSeconds(2), Duration.ZERO, 1);

        JsonNode level = new ObjectMapper().readTree(out.toFile()).get("levels").get(0);
        assertThat(level.get("callers").asInt()).isEqualTo(1);
        assertThat(level.get("lifecycles").asLong()).isPositive();
        assertThat(level.get("failures").asLong()).isZero();
    }
}
