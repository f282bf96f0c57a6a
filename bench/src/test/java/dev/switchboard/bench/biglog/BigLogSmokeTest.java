package dev.switchboard.bench.biglog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bench.BenchDatabase;
import dev.switchboard.bench.lifecycle.InProcessNode;
import dev.switchboard.command.feed.AgentEvents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the big-log harness still works and still writes what the command side writes. It asserts shapes and
 * outcomes, never speed: run.sh's business.
 */
class BigLogSmokeTest {

    @Test
    void theGeneratorWritesTheRowsTheCommandSideWrites() throws Exception {
        try (var real = BenchDatabase.create();
                var generated = BenchDatabase.create()) {
            String node;
            try (var running = new InProcessNode(real)) {
                node = running.nodeId();
                CommandSideSample.drive(running.commands(), running.context().getBean(AgentEvents.class), node);
            }
            GeneratedSample.write(generated.dataSource(), node);

            assertThat(LogShape.of(generated.dataSource())).containsExactlyElementsOf(LogShape.of(real.dataSource()));
        }
    }

    @Test
    void measuresAThousandEventLogThatVerifiesWithoutDifferences(@TempDir Path directory) throws Exception {
        Path out = directory.resolve("biglog.json");

        BigLogBench.run(out, 1, 20, 1_000);

        JsonNode size = new ObjectMapper().readTree(out.toFile()).get("sizes").get(0);
        assertThat(size.get("events").asLong()).isBetween(1_000L, 1_001L);
        assertThat(size.get("rebuild").get("differences").asInt()).isZero();
        assertThat(size.get("rebuild").get("registryRows").asLong())
                .isEqualTo(size.get("connections").asLong());
        assertThat(size.get("timeline").get("samples").asInt()).isEqualTo(20);
        assertThat(size.get("registryAt").get("connections").asInt()).isPositive();
    }
}
