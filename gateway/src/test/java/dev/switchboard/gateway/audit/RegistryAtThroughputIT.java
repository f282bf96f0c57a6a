package dev.switchboard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.timeline.RegistryAt;
import dev.switchboard.audit.timeline.RegistrySnapshot;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Registry-at reads the whole log up to the position it is asked for: linear. This prints what that costs in events
 * per second on this machine, as a figure for operators; it asserts the outcome, never a duration.
 */
class RegistryAtThroughputIT extends PostgresIntegrationTest {

    private static final int LIFECYCLES = 2_000;
    private static final int RUNS = 3;

    @Autowired
    ConnectionCommands commands;

    @Autowired
    RegistryAt registryAt;

    @Autowired
    EventLog eventLog;

    @Test
    void registryAtReplaysTheWholeLogUpToThePositionAsked() throws Exception {
        String prefix = "throughput-" + System.nanoTime() + "-";
        lifecycles(prefix);
        long head = eventLog.head();
        long events = eventLog.count(0, head);

        RegistrySnapshot snapshot = null;
        for (int run = 1; run <= RUNS; run++) {
            long started = System.nanoTime();
            snapshot = registryAt.at(head);
            long nanos = System.nanoTime() - started;
            System.out.printf(
                    "registry-at throughput, run %d of %d: %d events up to position %d replayed in %d ms"
                            + " = %.0f events/s (%d connections in the snapshot)%n",
                    run,
                    RUNS,
                    events,
                    head,
                    TimeUnit.NANOSECONDS.toMillis(nanos),
                    events * 1e9 / nanos,
                    snapshot.connections().size());
        }

        assertThat(snapshot.connections().stream()
                        .filter(row -> row.preliminaryId().startsWith(prefix)))
                .hasSize(LIFECYCLES)
                .allSatisfy(row -> assertThat(row.state()).isEqualTo(ConnectionState.CLOSED));
    }

    /** Full lifecycles on a few threads, so the log is sizeable without the test taking long to write it. */
    private void lifecycles(String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < LIFECYCLES; i++) {
                String id = prefix + i;
                tasks.add(() -> {
                    commands.send(new OpenConnection(id, "node-" + (id.hashCode() & 3)));
                    commands.send(
                            new AuthenticateConnection(id, "user-" + (id.hashCode() & 63), TimelineRaceIT.EXPIRY));
                    commands.send(new MigrateConnectionId(id, id + "-final"));
                    commands.send(new MarkConnectionReady(id));
                    commands.send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, null, "node-a"));
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
