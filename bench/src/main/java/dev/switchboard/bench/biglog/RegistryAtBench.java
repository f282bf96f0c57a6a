package dev.switchboard.bench.biglog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.timeline.RegistryAt;
import dev.switchboard.audit.timeline.RegistryCheckpointer;
import dev.switchboard.audit.timeline.RegistryCheckpoints;
import dev.switchboard.bench.BenchDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code RegistryAtBench <out.json> <events,...> <checkpoint every>}: for each log size, a fresh database filled by
 * {@link LogGenerator} (COPY), registry checkpoints made as a node makes them (each from the one before it), then
 * {@link RegistryAt} at positions spread over the log, each the worst case for its checkpoint (the position right
 * before the next one: a whole interval to replay), for the READY connections and the live ones (every state but
 * CLOSED) at every position, then for the whole registry, best of two each; and, as the baseline, the replay from the beginning of the log at the midpoint.
 */
public final class RegistryAtBench {

    private static final long SEED = 6;
    private static final int POSITIONS = 9;

    private RegistryAtBench() {}

    public static void main(String[] args) throws Exception {
        long[] sizes =
                Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        long every = Long.parseLong(args[2]);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        List<Map<String, Object>> results = new ArrayList<>();
        for (long size : sizes) {
            results.add(measure(size, every));
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.toFile(), Map.of("seed", SEED, "every", every, "sizes", results));
        System.exit(0);
    }

    static Map<String, Object> measure(long size, long every) throws Exception {
        try (var database = BenchDatabase.create();
                var pool = new HikariDataSource()) {
            pool.setJdbcUrl(database.jdbcUrl());
            pool.setUsername(database.user());
            pool.setPassword(database.password());
            pool.setMaximumPoolSize(4);
            var written = LogGenerator.fill(pool, size, SEED);
            var log = new EventLog(pool);
            var checkpoints = new RegistryCheckpoints(pool);
            long started = System.nanoTime();
            int made = new RegistryCheckpointer(log, checkpoints, every).extend(log.head(), Integer.MAX_VALUE);
            double checkpointSeconds = (System.nanoTime() - started) / 1e9;
            var withCheckpoints = new RegistryAt(log, checkpoints);
            List<Map<String, Object>> positions = new ArrayList<>();
            for (int i = 1; i <= POSITIONS; i++) {
                long position = Math.max(1, log.head() * i / (POSITIONS + 1) / every * every + every - 1);
                Map<String, Object> at = new LinkedHashMap<>();
                at.put("position", Math.min(position, log.head()));
                positions.add(at);
            }
            // READY and the live connections (registry-at --live) at every position first, as a CLI run asks them in a
            // JVM of its own: the whole registry's answers
            // (up to a million rows) leave the collector work that would land in the next query's time
            for (Map<String, Object> at : positions) {
                long position = (long) at.get("position");
                at.put(
                        "readyMillis",
                        best(
                                () -> withCheckpoints
                                        .at(position, ConnectionState.READY)
                                        .connections()
                                        .size(),
                                at,
                                "readyRows"));
                at.put(
                        "liveMillis",
                        best(
                                () -> withCheckpoints
                                        .at(position, RegistryAt.LIVE)
                                        .connections()
                                        .size(),
                                at,
                                "liveRows"));
            }
            for (Map<String, Object> at : positions) {
                long position = (long) at.get("position");
                at.put(
                        "allMillis",
                        best(() -> withCheckpoints.at(position).connections().size(), at, "rows"));
            }
            long midpoint = log.head() / 2;
            Map<String, Object> baseline = new LinkedHashMap<>();
            baseline.put("position", midpoint);
            long replayStarted = System.nanoTime();
            baseline.put("rows", new RegistryAt(log).at(midpoint).connections().size());
            baseline.put("millis", (System.nanoTime() - replayStarted) / 1e6);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("events", written.events());
            result.put("connections", written.connections());
            result.put("generateSeconds", written.seconds());
            result.put("checkpoints", made);
            result.put("checkpointSeconds", checkpointSeconds);
            result.put(
                    "checkpointBytes",
                    new org.springframework.jdbc.core.JdbcTemplate(pool)
                            .queryForObject("SELECT pg_total_relation_size('registry_checkpoint_packed')", Long.class));
            result.put("positions", positions);
            result.put("maxAllMillis", max(positions, "allMillis"));
            result.put("maxReadyMillis", max(positions, "readyMillis"));
            result.put("maxLiveMillis", max(positions, "liveMillis"));
            result.put("replayFromTheBeginningAtMidpoint", baseline);
            System.out.printf(
                    "registry-at events=%d connections=%d checkpoints=%d (%.1f s) max over %d positions: "
                            + "all %.0f ms, READY %.0f ms, live %.0f ms; from the beginning at the midpoint %.0f ms%n",
                    written.events(),
                    written.connections(),
                    made,
                    checkpointSeconds,
                    POSITIONS,
                    max(positions, "allMillis"),
                    max(positions, "readyMillis"),
                    max(positions, "liveMillis"),
                    (double) baseline.get("millis"));
            return result;
        }
    }

    private interface Query {
        int rows();
    }

    private static double best(Query query, Map<String, Object> at, String rowsKey) {
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            long started = System.nanoTime();
            at.put(rowsKey, query.rows());
            best = Math.min(best, (System.nanoTime() - started) / 1e6);
        }
        return best;
    }

    private static double max(List<Map<String, Object>> positions, String key) {
        return positions.stream().mapToDouble(at -> (double) at.get(key)).max().orElseThrow();
    }
}
