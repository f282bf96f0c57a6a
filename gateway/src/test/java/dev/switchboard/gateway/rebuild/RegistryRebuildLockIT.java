package dev.switchboard.gateway.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.EventLogFormat;
import dev.switchboard.audit.rebuild.RebuildState;
import dev.switchboard.audit.rebuild.RebuildStatus;
import dev.switchboard.audit.rebuild.RegistryRebuild;
import dev.switchboard.gateway.support.UtcClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The switch locks the live registry for as long as the rows changed during the rebuild's last steps take, not the
 * whole table: a registry of ten thousand archived connections and a handful of lifecycles running during the rebuild
 * leave only those few rows to compare under the lock, which the operator reads in the rebuild's report.
 */
class RegistryRebuildLockIT extends RebuildIntegrationTest {

    private static final int ARCHIVED = 10_000;
    private static final int LIFECYCLES_DURING = 5;
    private static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant CLOSED = Instant.parse("2026-01-01T00:00:01Z");

    @Autowired
    DataSource dataSource;

    @Test
    void theLockCoversTheRowsChangedDuringTheLastStepsNotTheWholeTable() throws Exception {
        archive(ARCHIVED);
        var during = new LifecyclesOnTheClock();
        var rebuild =
                new RegistryRebuild(dataSource, new EventLog(dataSource), during, RegistryRebuild.Settings.defaults());
        RebuildStatus claimed = rebuild.claim("lock-test").orElseThrow();
        during.armed = true;

        RebuildStatus finished = rebuild.run(claimed, false);

        assertThat(finished.state()).as(finished.message()).isEqualTo(RebuildState.SWITCHED);
        assertThat(finished.differences()).isEmpty();
        assertThat(during.run).as("lifecycles run while the rebuild ran").isEqualTo(LIFECYCLES_DURING);
        assertThat(liveRows()).isGreaterThan(ARCHIVED);
        // at least the lifecycle that ran between the comparison ahead and the lock, at most all of them
        assertThat(finished.rowsComparedUnderLock()).isBetween(1L, (long) LIFECYCLES_DURING);
        assertThat(finished.message()).contains(finished.rowsComparedUnderLock() + " rows compared under the lock");
    }

    /**
     * Connections opened and closed long ago, appended and projected as a node would have: a big table the rebuild
     * must replay and compare, none of which changes while it runs.
     */
    private void archive(int connections) throws Exception {
        ObjectMapper json = EventLogFormat.objectMapper();
        String prefix = "archived-" + UUID.randomUUID() + "-"; // the shared log has other tests' connections
        List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            String id = prefix + UUID.randomUUID();
            events.add(event(
                    id,
                    0,
                    "2",
                    json.writeValueAsBytes(new ConnectionOpened(id, "node-archive", OPENED)),
                    ConnectionOpened.class,
                    OPENED));
            events.add(event(
                    id,
                    1,
                    "1",
                    json.writeValueAsBytes(new ConnectionClosed(
                            id, ConnectionState.OPENED, CloseReason.CLIENT_CLOSED, null, "node-archive", CLOSED)),
                    ConnectionClosed.class,
                    CLOSED));
        }
        jdbc.batchUpdate(
                "INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, "
                        + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
                        + "VALUES (?, ?, 'Connection', ?, ?, ?, ?, ?, ?)",
                events);
        jdbc.update(
                "INSERT INTO connection_registry (preliminary_id, node_id, state, opened_at, closed_at, "
                        + "close_reason, last_position) SELECT aggregate_identifier, 'node-archive', 'CLOSED', ?, ?, "
                        + "'CLIENT_CLOSED', MAX(global_index) FROM domain_event_entry WHERE aggregate_identifier LIKE ? "
                        + "GROUP BY aggregate_identifier",
                Timestamp.from(OPENED),
                Timestamp.from(CLOSED),
                prefix + "%");
    }

    private static Object[] event(
            String stream, long sequence, String revision, byte[] payload, Class<?> type, Instant at) {
        return new Object[] {
            stream,
            sequence,
            UUID.randomUUID().toString(),
            "{}".getBytes(),
            payload,
            revision,
            type.getName(),
            at.toString()
        };
    }

    /**
     * The rebuild reads the clock after each step it commits; this one runs a connection's whole lifecycle on each of
     * its first readings, so events commit during the replay, during the comparison ahead and just before the lock.
     */
    private final class LifecyclesOnTheClock extends UtcClock {

        volatile boolean armed;
        volatile int run;

        @Override
        public Instant instant() {
            if (armed && run < LIFECYCLES_DURING) {
                run++;
                lifecycle(true);
            }
            return Instant.now();
        }
    }
}
