package dev.switchboard.bench.biglog;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.rebuild.RebuildState;
import dev.switchboard.audit.rebuild.RebuildStatus;
import dev.switchboard.audit.rebuild.RegistryRebuild;
import dev.switchboard.audit.rebuild.RegistryVerify;
import dev.switchboard.bench.CopyFloor;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The rebuild through its real code path ({@link RegistryRebuild} with the node's default settings: claim, replay into
 * the emptied rebuild table, lock, compare with the live table, switch), and its baseline in the same run: PostgreSQL
 * COPYing the very rows the rebuild produced into a fresh table of the same shape and keys, in one transaction.
 */
final class RebuildFigure {

    private RebuildFigure() {}

    static Map<String, Object> measure(DataSource dataSource, long events, int repeats) throws Exception {
        List<Double> seconds = new ArrayList<>();
        RebuildStatus finished = null;
        for (int run = 0; run < repeats; run++) {
            var rebuild = new RegistryRebuild(
                    dataSource, new EventLog(dataSource), Clock.systemUTC(), RegistryRebuild.Settings.defaults());
            long started = System.nanoTime();
            finished = rebuild.run(rebuild.claim("bench").orElseThrow(), false);
            seconds.add((System.nanoTime() - started) / 1e9);
            if (finished.state() != RebuildState.SWITCHED
                    || !finished.differences().isEmpty()) {
                throw new IllegalStateException("the rebuild of the generated log did not verify: " + finished.state()
                        + " " + finished.message() + " " + finished.differences());
            }
        }
        double best = seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        long compareStarted = System.nanoTime();
        int differences = new RegistryVerify(dataSource)
                .compare("connection_registry", "connection_registry_rebuild")
                .size();
        double compareSeconds = (System.nanoTime() - compareStarted) / 1e9;
        long rows = count(dataSource);
        double copySeconds = copyBaseline(dataSource);
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("events", finished.eventsDone());
        figure.put("registryRows", rows);
        figure.put("runsSeconds", seconds);
        figure.put("bestSeconds", best);
        figure.put("eventsPerSecond", events / best);
        figure.put("rowsPerSecond", rows / best);
        figure.put("lockMillis", finished.lockMillis());
        figure.put("rowsComparedUnderLock", finished.rowsComparedUnderLock());
        figure.put("compareSeconds", compareSeconds);
        figure.put("differences", differences);
        figure.put("copySeconds", copySeconds);
        figure.put("copyRowsPerSecond", rows / copySeconds);
        // the log's events over the time PostgreSQL needs to write their registry: the rebuild's rate at parity
        figure.put("copyEventsPerSecondEquivalent", events / copySeconds);
        figure.put("ratio", copySeconds / best);
        return figure;
    }

    /** COPY of the rebuilt rows, read into memory first so only the write is timed. Best of three. */
    private static double copyBaseline(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            var rows = new ByteArrayOutputStream();
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyOut("COPY connection_registry_rebuild TO STDOUT", rows);
            return CopyFloor.bestSeconds(
                    connection,
                    "bench_registry_copy",
                    "CREATE TABLE bench_registry_copy (LIKE connection_registry_rebuild INCLUDING ALL)",
                    rows.toByteArray(),
                    3);
        }
    }

    private static long count(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT count(*) FROM connection_registry_rebuild")) {
            result.next();
            return result.getLong(1);
        }
    }
}
