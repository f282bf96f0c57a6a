package dev.switchboard.bench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bench.bare.BareSocketApplication;
import dev.switchboard.bench.delivery.DeliveryRun;
import dev.switchboard.bench.sockets.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Proves the capacity and delivery harnesses still work: a handful of sockets for a few seconds against the bare
 * handler, sockets and server in this JVM (the push path is exercised by run.sh against the packaged node). It asserts
 * that sockets got READY, that memory was measured and that events arrived, never how much or how fast: that is
 * run.sh's business.
 */
class SocketFiguresSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void measuresIdleSocketsAndEchoLatencyAgainstTheBareHandler(@TempDir Path directory) throws Exception {
        try (var bare = new SpringApplicationBuilder(BareSocketApplication.class)
                .properties(
                        Map.of("spring.config.name", "bench-bare", "server.port", "0", "server.address", "127.0.0.1"))
                .run()) {
            URI ws = URI.create("ws://127.0.0.1:" + bare.getEnvironment().getProperty("local.server.port") + "/ws");
            try (var clients = IdleClients.inProcess(ws, "")) {
                CapacityRun.run(
                        ProcessHandle.current().pid(),
                        directory.resolve("capacity.json"),
                        new int[] {20},
                        Duration.ZERO,
                        clients);
            }
            JsonNode level = JSON.readTree(directory.resolve("capacity.json").toFile())
                    .get("levels")
                    .get(0);
            assertThat(level.get("ready").asInt()).isEqualTo(20);
            assertThat(level.get("heapBytes").asLong()).isPositive();

            DeliveryRun.run(
                    "echo",
                    ws,
                    null,
                    directory.resolve("echo.json"),
                    new double[] {50},
                    Duration.ofSeconds(2),
                    20,
                    Tokens.of(""),
                    Duration.ofSeconds(1));
            assertDelivered(directory.resolve("echo.json"));
        }
    }

    private static void assertDelivered(Path result) throws Exception {
        JsonNode rate = JSON.readTree(result.toFile()).get("rates").get(0);
        assertThat(rate.get("accepted").asLong()).isPositive();
        assertThat(rate.get("received").asLong()).isEqualTo(rate.get("accepted").asLong());
    }
}
