package dev.switchboard.bench.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.retention.ArchiveListener;
import dev.switchboard.audit.retention.ArchiveResult;
import dev.switchboard.audit.retention.ArchiveSettings;
import dev.switchboard.audit.retention.Archiver;
import dev.switchboard.audit.retention.RetentionCutoffs;
import dev.switchboard.audit.timeline.Timelines;
import dev.switchboard.audit.timeline.UserStreams;
import dev.switchboard.bench.BenchDatabase;
import dev.switchboard.bench.Latencies;
import dev.switchboard.bench.biglog.BigLogBench;
import dev.switchboard.bench.biglog.LogGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code ArchivedTimelineBench <out.json> <events,...> [samples]}: for each log size, a fresh database filled by
 * {@link LogGenerator}, then the timeline of one closed connection (random ones, by preliminary or final id) with the
 * log in the table, the same-run baseline; then everything retention allows archived at "now" (every closed
 * connection's history and every feed event) and the same timelines read through the archive's stream indexes: the
 * first one (which reads every index) and the warm ones, as a node's REST timeline sees them. (Until format 3 it also
 * measured a few timelines with the indexes removed, as format-1 manifests; format 1 is gzip, which the writer no longer
 * writes, so that figure stays as BENCHMARKS.md records it.)
 */
public final class ArchivedTimelineBench {

    private static final long SEED = 6;
    private static final int WARM_UP = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchivedTimelineBench() {}

    public static void main(String[] args) throws Exception {
        long[] sizes =
                Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        List<Map<String, Object>> results = new ArrayList<>();
        for (long size : sizes) {
            results.add(measure(size, samples));
        }
        JSON.enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(Path.of(args[0]).toFile(), Map.of("sizes", results));
        System.exit(0);
    }

    private static Map<String, Object> measure(long size, int samples) throws Exception {
        Path directory = Files.createTempDirectory("switchboard-archived-timeline-bench");
        Map<String, Object> result = new LinkedHashMap<>();
        try (var database = BenchDatabase.create();
                var pool = BigLogBench.pool(database)) {
            result.put("events", LogGenerator.fill(pool, size, SEED).events());
            List<String> ids = closedConnectionIds(pool);
            result.put(
                    "tableOnly",
                    timelines(new EventLog(pool), pool, ids, samples).figures());

            ArchiveResult archived = new Archiver(pool, directory, ArchiveSettings.DEFAULTS, ArchiveListener.NONE)
                    .run(RetentionCutoffs.both(Instant.now()));
            result.put("archivedEvents", archived.archived());
            result.put("segments", archived.segments());
            result.put("segmentBytes", bytes(directory, ".jsonl.zst"));
            result.put("indexBytes", bytes(directory, ".streams.json.gz"));
            result.put(
                    "archived",
                    timelines(new EventLog(pool, directory), pool, ids, samples).figures());
        } finally {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
        System.out.println("archived-timeline " + result);
        return result;
    }

    /** The measured timelines; the first apart (with an archive, it reads every stream index). */
    private record Measured(double firstMillis, Latencies warm, int samples) {
        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("samples", samples);
            figures.put("firstMillis", firstMillis);
            figures.put("p50Millis", warm.percentileMillis(50));
            figures.put("p99Millis", warm.percentileMillis(99));
            figures.put("maxMillis", warm.percentileMillis(100));
            return figures;
        }
    }

    private static Measured timelines(EventLog log, DataSource dataSource, List<String> ids, int samples) {
        var timelines = new Timelines(log, UserStreams.registryTable(dataSource));
        double first = 0;
        var warm = new Latencies();
        int warmUp = Math.min(WARM_UP, samples);
        for (int i = 0; i < warmUp + samples; i++) {
            String id = ids.get(i % ids.size());
            long started = System.nanoTime();
            timelines.ofConnection(id).orElseThrow(() -> new IllegalStateException("no timeline for " + id));
            long elapsed = System.nanoTime() - started;
            if (i == 0) {
                first = elapsed / 1e6;
            } else if (i >= warmUp) {
                warm.record(elapsed);
            }
        }
        return new Measured(first, warm, samples);
    }

    private static List<String> closedConnectionIds(DataSource dataSource) {
        List<String> ids = new ArrayList<>();
        new JdbcTemplate(dataSource)
                .query("SELECT preliminary_id, final_id FROM connection_registry WHERE state = 'CLOSED'", row -> {
                    ids.add(row.getString(1));
                    if (row.getString(2) != null) {
                        ids.add(row.getString(2));
                    }
                });
        Collections.shuffle(ids, new Random(SEED));
        return ids;
    }

    /** Rewrites every manifest as format 1 and removes the index files: an archive written before the index. */
    private static long bytes(Path directory, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            long bytes = 0;
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }
}
