package dev.switchboard.gateway.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.EventLogFormat;
import dev.switchboard.audit.rebuild.RebuildState;
import dev.switchboard.audit.rebuild.RebuildStatus;
import dev.switchboard.audit.rebuild.RegistryRebuild;
import dev.switchboard.gateway.support.UtcClock;
import dev.switchboard.query.registry.EventRef;
import dev.switchboard.query.registry.JdbcRegistryStore;
import dev.switchboard.query.registry.RegistryProjector;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Log positions are taken when an append starts, not when it commits: an event may commit after the replay has read
 * past its position. The rebuild reads such gaps again, or the registry it compares would lack the connection.
 */
class RegistryRebuildGapIT extends RebuildIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void anEventCommittedAfterTheReplayPassedItsPositionIsStillApplied() throws Exception {
        String id = "gap-" + UUID.randomUUID();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            var opened = new ConnectionOpened(id, "node-gap", Instant.now());
            String eventId = UUID.randomUUID().toString();
            long position = append(slow, opened, eventId);
            String later = lifecycle(true);
            CommitWhenPassed clock = new CommitWhenPassed(later, () -> {
                // what the live projection does in the append's transaction, then the commit
                new RegistryProjector(new JdbcRegistryStore(
                                new JdbcTemplate(new SingleConnectionDataSource(slow, true)), "connection_registry"))
                        .apply(opened, EventRef.at(eventId, position));
                slow.commit();
            });
            var rebuild = new RegistryRebuild(
                    dataSource,
                    new EventLog(dataSource),
                    clock,
                    new RegistryRebuild.Settings(100_000, 200, Duration.ofSeconds(2), Duration.ofMinutes(2)));

            RebuildStatus finished = rebuild.run(rebuild.claim("gap-test").orElseThrow(), false);

            assertThat(clock.committed)
                    .as("the event committed while the replay was past it")
                    .isTrue();
            assertThat(finished.state()).as(finished.message()).isEqualTo(RebuildState.SWITCHED);
            assertThat(finished.differences()).isEmpty();
            assertThat(jdbc.queryForObject(
                            "SELECT last_position FROM connection_registry_rebuild " + "WHERE preliminary_id = ?",
                            Long.class,
                            id))
                    .isEqualTo(position);
        }
    }

    /** Appends as Axon does, in the connection's open transaction; returns the position the event was given. */
    private static long append(Connection connection, ConnectionOpened opened, String eventId) throws Exception {
        try (var insert = connection.prepareStatement("INSERT INTO domain_event_entry (aggregate_identifier, "
                + "sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, "
                + "time_stamp) VALUES (?, 0, 'Connection', ?, ?, ?, '2', ?, ?) RETURNING global_index")) {
            insert.setString(1, opened.connectionId());
            insert.setString(2, eventId);
            insert.setBytes(3, "{}".getBytes());
            insert.setBytes(4, EventLogFormat.objectMapper().writeValueAsBytes(opened));
            insert.setString(5, ConnectionOpened.class.getName());
            insert.setString(6, opened.at().toString());
            try (var result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /**
     * The rebuild reads the clock after each batch it commits. This one commits the held append the first time the
     * replay has applied a connection whose events all come after it: the replay is then past its position.
     */
    private final class CommitWhenPassed extends UtcClock {

        interface Commit {
            void run() throws Exception;
        }

        private final String later;
        private final Commit commit;
        volatile boolean committed;

        CommitWhenPassed(String later, Commit commit) {
            this.later = later;
            this.commit = commit;
        }

        @Override
        public Instant instant() {
            if (!committed
                    && jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM connection_registry_rebuild " + "WHERE preliminary_id = ?",
                                    Long.class,
                                    later)
                            > 0) {
                try {
                    commit.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                committed = true;
            }
            return Instant.now();
        }
    }
}
