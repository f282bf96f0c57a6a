package dev.switchboard.bench.biglog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.bench.BenchDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code BigLogBench <out.json> <events,...> [repeats] [timeline samples]}: for each log size, a fresh database
 * filled by {@link LogGenerator}, then the rebuild next to COPY of its rows, one connection's timeline, registry-at at
 * the midpoint, and the plans of their queries ({@code <out>-plans.txt}). Sizes run smallest first in one JVM, so
 * the largest is measured warm.
 */
public final class BigLogBench {

    private static final long SEED = 6;

    private BigLogBench() {}

    public static void main(String[] args) throws Exception {
        long[] sizes =
                Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        run(Path.of(args[0]), repeats, samples, sizes);
        System.exit(0);
    }

    public static Map<String, Object> run(Path out, int repeats, int samples, long... sizes) throws Exception {
        List<Map<String, Object>> results = new ArrayList<>();
        var plans = new StringBuilder();
        for (long size : sizes) {
            try (var database = BenchDatabase.create();
                    var pool = pool(database)) {
                var written = LogGenerator.fill(pool, size, SEED);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("events", written.events());
                result.put("connections", written.connections());
                result.put("users", written.users());
                result.put("generateSeconds", written.seconds());
                result.put("rebuild", RebuildFigure.measure(pool, written.events(), repeats));
                result.put("timeline", ReplayFigures.timeline(pool, samples, SEED));
                result.put("registryAt", ReplayFigures.registryAt(pool, repeats));
                plans.append("==== ").append(written.events()).append(" events\n");
                String connection = new org.springframework.jdbc.core.JdbcTemplate(pool)
                        .queryForObject(
                                "SELECT preliminary_id FROM connection_registry ORDER BY preliminary_id LIMIT 1",
                                String.class);
                result.put("explain", Explain.queries(pool, connection, written.events() / 2, 50_000, plans));
                System.out.printf(
                        "biglog events=%d connections=%d rebuild=%.0f events/s (COPY ratio %.3f) "
                                + "timeline p50=%.2f ms p99=%.2f ms registry-at=%.0f ms%n",
                        written.events(),
                        written.connections(),
                        value(result, "rebuild", "eventsPerSecond"),
                        value(result, "rebuild", "ratio"),
                        value(result, "timeline", "p50Millis"),
                        value(result, "timeline", "p99Millis"),
                        value(result, "registryAt", "bestMillis"));
                results.add(result);
            }
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("seed", SEED);
        all.put("sizes", results);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), all);
        Files.writeString(Path.of(out.toString().replaceAll("\\.json$", "") + "-plans.txt"), plans);
        return all;
    }

    /** A pool as a node has one, so a timeline's queries do not each pay for a new session. */
    public static HikariDataSource pool(BenchDatabase database) {
        var pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(4);
        return pool;
    }

    @SuppressWarnings("unchecked")
    private static double value(Map<String, Object> result, String figure, String key) {
        return ((Number) ((Map<String, Object>) result.get(figure)).get(key)).doubleValue();
    }
}
