package dev.switchboard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.timeline.RegistryCheckpoints;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The node's checkpoint round: it checkpoints only up to the head the previous round saw, at most its quota per round,
 * and not at all while another node holds the checkpoint lock.
 */
class RegistryCheckpointJobIT extends PostgresIntegrationTest {

    private static final long CHECKPOINT_LOCK = 0x7265_6763_686b_7074L;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventLog eventLog;

    @Autowired
    RegistryCheckpoints checkpoints;

    @Autowired
    ConnectionCommands commands;

    @Test
    void aRoundCheckpointsUpToThePreviousRoundsHeadAtItsQuotaAndOnlyUnderTheLock() throws Exception {
        for (int i = 0; i < 30; i++) {
            commands.send(new OpenConnection("job-" + UUID.randomUUID(), "node-a"));
        }
        var job = new RegistryCheckpointJob(
                dataSource, eventLog, checkpoints, new CheckpointProperties(2, Duration.ofMinutes(1), 3));
        long settled = eventLog.head();
        assertThat(checkpoints.newestPosition()).isLessThan(settled - 20);
        assertThat(job.round()).as("the first round only notes the head").isZero();
        commands.send(new OpenConnection("job-" + UUID.randomUUID(), "node-a"));

        try (Connection other = TestDatabase.shared().connect();
                var lock = other.prepareStatement("SELECT pg_advisory_lock(?)");
                var unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            lock.setLong(1, CHECKPOINT_LOCK);
            lock.execute();
            assertThat(job.round()).as("another node holds the lock").isZero();
            // released here, not by the close: the server ends the session after the client has let go of it
            unlock.setLong(1, CHECKPOINT_LOCK);
            unlock.execute();
        }

        long before = checkpoints.newestPosition();
        int made = job.round();
        assertThat(made).isBetween(1, 3);
        assertThat(checkpoints.newestPosition()).isGreaterThan(before).isLessThanOrEqualTo(eventLog.head());
        while (job.round() > 0) {
            assertThat(checkpoints.newestPosition()).isLessThanOrEqualTo(eventLog.head());
        }
        assertThat(checkpoints.newestPosition())
                .as("caught up with the head rounds saw")
                .isGreaterThanOrEqualTo(settled);
    }
}
