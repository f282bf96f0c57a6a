package dev.switchboard.bench.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.bench.BenchDatabase;
import dev.switchboard.bench.SettledWarmUp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code LifecycleDriver <out.json> <seconds per level> <callers,...>}: complete lifecycles per second through the
 * command side into a fresh PostgreSQL database (see BenchDatabase.forRun), one level after the other, after an
 * unrecorded warm-up that lasts until this process's JIT compilers settle ({@link SettledWarmUp}), so the first level
 * does not pay for compiling what every level runs.
 */
public final class LifecycleDriver {

    /**
     * The warm-up's fixed part, before it watches the compilers. On two shared cores the JIT compilers were still busy after 3 s
     * (JFR: compiler threads near the callers' own CPU), which made the first level look slower than it is.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(30);

    private LifecycleDriver() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Duration perLevel = Duration.ofSeconds(Long.parseLong(args[1]));
        int[] levels =
                Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        run(out, perLevel, WARM_UP, levels);
        System.exit(0); // the node's context is closed; a pool or scheduler thread must not keep run.sh waiting
    }

    /** Runs the levels on a database of their own and writes them to {@code out}; returns what it wrote. */
    public static Map<String, Object> run(Path out, Duration perLevel, Duration warmUp, int... levels)
            throws InterruptedException, IOException {
        List<LifecycleRun> runs = new ArrayList<>();
        long rows;
        long lifecycles = 0;
        Map<String, Object> warmedUp = Map.of();
        try (var database = BenchDatabase.forRun();
                var node = new InProcessNode(database)) {
            var load = new LifecycleLoad(node.commands(), node.nodeId());
            AtomicLong warmUpLifecycles = new AtomicLong();
            if (!warmUp.isZero()) {
                warmedUp = SettledWarmUp.runInThisProcess(
                        warmUp,
                        slice -> warmUpLifecycles.addAndGet(load.run(4, slice).lifecycles()));
            }
            lifecycles += warmUpLifecycles.get();
            for (int callers : levels) {
                LifecycleRun run = load.run(callers, perLevel);
                System.out.printf(
                        "lifecycle callers=%d lifecycles/s=%.1f events/s=%.1f p99=%.1f ms failures=%d "
                                + "node CPU/lifecycle=%.0f µs%n",
                        callers,
                        run.lifecyclesPerSecond(),
                        run.eventsPerSecond(),
                        run.p99Millis(),
                        run.failures(),
                        run.nodeCpuMicrosPerLifecycle());
                runs.add(run);
                lifecycles += run.lifecycles();
            }
            rows = new JdbcTemplate(database.dataSource())
                    .queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warmUp", warmedUp);
        result.put("levels", runs.stream().map(LifecycleDriver::asMap).toList());
        // rows the log holds per committed lifecycle, warm-up included: shows what one lifecycle really writes
        result.put("eventRowsPerLifecycle", lifecycles == 0 ? 0 : (double) rows / lifecycles);
        var json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.createDirectories(out.toAbsolutePath().getParent());
        json.writeValue(out.toFile(), result);
        return result;
    }

    private static Map<String, Object> asMap(LifecycleRun run) {
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("callers", run.callers());
        level.put("seconds", run.seconds());
        level.put("lifecycles", run.lifecycles());
        level.put("failures", run.failures());
        level.put("lifecyclesPerSecond", run.lifecyclesPerSecond());
        level.put("eventsPerSecond", run.eventsPerSecond());
        level.put("p50Millis", run.p50Millis());
        level.put("p99Millis", run.p99Millis());
        level.put("nodeCpuMicrosPerLifecycle", run.nodeCpuMicrosPerLifecycle());
        return level;
    }
}
