package dev.switchboard.bench.biglog;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.timeline.RegistryAt;
import dev.switchboard.audit.timeline.RegistrySnapshot;
import dev.switchboard.audit.timeline.Timeline;
import dev.switchboard.audit.timeline.Timelines;
import dev.switchboard.audit.timeline.UserStreams;
import dev.switchboard.bench.Latencies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One connection's timeline ({@link Timelines#ofConnection}) for random connections, half asked by preliminary id and
 * half by final id, warm; and {@link RegistryAt} at the log's midpoint.
 */
final class ReplayFigures {

    private static final int WARM_UP = 50;

    private ReplayFigures() {}

    static Map<String, Object> timeline(DataSource dataSource, int samples, long seed) {
        var log = new EventLog(dataSource);
        var timelines = new Timelines(log, UserStreams.registryTable(dataSource));
        List<String> ids = new ArrayList<>();
        new JdbcTemplate(dataSource).query("SELECT preliminary_id, final_id FROM connection_registry", row -> {
            ids.add(row.getString(1));
            if (row.getString(2) != null) {
                ids.add(row.getString(2));
            }
        });
        Collections.shuffle(ids, new Random(seed));
        var latencies = new Latencies();
        long steps = 0;
        for (int i = 0; i < WARM_UP + samples; i++) {
            String id = ids.get(i % ids.size());
            long started = System.nanoTime();
            Timeline timeline =
                    timelines.ofConnection(id).orElseThrow(() -> new IllegalStateException("no timeline for " + id));
            if (i >= WARM_UP) {
                latencies.record(System.nanoTime() - started);
                steps += timeline.steps().size();
            }
        }
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("samples", samples);
        figure.put("p50Millis", latencies.percentileMillis(50));
        figure.put("p99Millis", latencies.percentileMillis(99));
        figure.put("maxMillis", latencies.percentileMillis(100));
        figure.put("stepsPerTimeline", (double) steps / samples);
        return figure;
    }

    static Map<String, Object> registryAt(DataSource dataSource, int repeats) {
        var log = new EventLog(dataSource);
        long position = log.head() / 2;
        long events = log.count(0, position);
        List<Double> millis = new ArrayList<>();
        RegistrySnapshot snapshot = null;
        for (int run = 0; run < repeats; run++) {
            long started = System.nanoTime();
            snapshot = new RegistryAt(log).at(position);
            millis.add((System.nanoTime() - started) / 1e6);
        }
        double best = millis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("position", position);
        figure.put("eventsUpToPosition", events);
        figure.put("connections", snapshot.connections().size());
        figure.put("runsMillis", millis);
        figure.put("bestMillis", best);
        figure.put("eventsPerSecond", events / (best / 1e3));
        return figure;
    }
}
