package dev.switchboard.bench.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bench.BenchDatabase;
import dev.switchboard.bench.bare.BarePushApplication;
import dev.switchboard.bench.sockets.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Proves the push harness still works, against its floors in this JVM (the node's figures come from run.sh against
 * the packaged node): pushes are accepted and every one reaches its socket, the durable floor keeps each event in its
 * table, a server without the batch endpoint is recorded as not available while COPY is still measured, and one with
 * it (a stub of its contract) is measured and fills the cold publish's feed. It asserts outcomes, never speed: run.sh's
 * business.
 */
class PushFiguresSmokeTest {

    private static final String SECRET = "bench-smoke-secret-of-at-least-32-bytes";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAcceptedPushReachesItsSocketOnTheBareFloor(@TempDir Path directory) throws Exception {
        try (var bare = floor(Map.of())) {
            JsonNode run = push(bare, directory.resolve("bare.json"));

            assertThat(run.get("accepted").asLong()).isPositive();
            assertThat(run.get("frames").get("arrived").asLong())
                    .isEqualTo(run.get("frames").get("measuredPushes").asLong());
            assertThat(run.get("frames").get("missing").asLong()).isZero();
        }
    }

    @Test
    void theDurableFloorKeepsEveryEventAndABatchlessServerIsRecordedAsNotAvailable(@TempDir Path directory)
            throws Exception {
        try (var database = BenchDatabase.create();
                var durable = floor(Map.of("bench.push.jdbc-url", jdbcUrl(database)))) {
            JsonNode run = push(durable, directory.resolve("durable.json"));
            assertThat(run.get("frames").get("missing").asLong()).isZero();
            try (var connection = database.dataSource().getConnection();
                    var rows = connection.createStatement().executeQuery("SELECT count(*) FROM bench_push_event")) {
                rows.next();
                assertThat(rows.getLong(1))
                        .isGreaterThanOrEqualTo(run.get("accepted").asLong());
            }

            JsonNode batch = batch(base(durable), database, directory.resolve("batch.json"), 2_000);
            assertThat(batch.get("available").asBoolean()).isFalse();
            assertThat(batch.get("answer").asText()).startsWith("404");
            assertThat(batch.get("copyRows").asLong()).isEqualTo(2_000);
        }
    }

    @Test
    void theBatchFigureAndTheColdFillUseTheBatchEndpointWhenItAnswers(@TempDir Path directory) throws Exception {
        try (var database = BenchDatabase.create();
                var endpoint = new BatchEndpointStub()) {
            JsonNode batch = batch(endpoint.base(), database, directory.resolve("batch.json"), 3_000);
            assertThat(batch.get("available").asBoolean()).isTrue();
            assertThat(batch.get("events").asLong()).isEqualTo(3_000);
            assertThat(batch.get("copyRows").asLong()).isEqualTo(3_000);

            var http = HttpClient.newHttpClient();
            Map<String, Object> fill = ColdFill.fill(
                    http, endpoint.base(), Tokens.of(SECRET).publisher(), new BatchEvents("smoke-filled", 1), 2_500);
            assertThat((String) fill.get("method")).startsWith("batch endpoint");
            assertThat(fill).containsEntry("events", 2_500L).containsEntry("head", 2_500L);
        }
    }

    private static ConfigurableApplicationContext floor(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "spring.config.name",
                "bench-bare",
                "server.port",
                "0",
                "server.address",
                "127.0.0.1",
                "bench.jwt.secret",
                SECRET));
        properties.putAll(extra);
        return new SpringApplicationBuilder(BarePushApplication.class)
                .properties(properties)
                .run();
    }

    private static JsonNode push(ConfigurableApplicationContext floor, Path out) throws Exception {
        URI base = base(floor);
        PushRun.run(
                "smoke",
                URI.create("ws://" + base.getAuthority() + "/ws"),
                base,
                out,
                Duration.ZERO,
                Duration.ofSeconds(1),
                10,
                4,
                Tokens.of(SECRET));
        return JSON.readTree(out.toFile());
    }

    /** The batch figure, at most 5 s without a warm-up, up to {@code maxEvents}. */
    private static JsonNode batch(URI base, BenchDatabase database, Path out, long maxEvents) throws Exception {
        BatchRun.run(base, jdbcUrl(database), out, Duration.ZERO, Duration.ofSeconds(5), maxEvents, Tokens.of(SECRET));
        return JSON.readTree(out.toFile());
    }

    private static URI base(ConfigurableApplicationContext floor) {
        return URI.create("http://127.0.0.1:" + floor.getEnvironment().getProperty("local.server.port"));
    }

    private static String jdbcUrl(BenchDatabase database) {
        return database.jdbcUrl() + "?user=" + database.user();
    }
}
