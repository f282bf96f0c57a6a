package dev.switchboard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.timeline.RegistryCheckpoints;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.support.ArchiveAsTheArchiveDoes;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestDatabase;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The node's checkpoint round: it checkpoints only up to the head the previous round saw, at most its quota per round,
 * not at all while another node holds the checkpoint lock, and not while archived events past the newest checkpoint are
 * unread by the node.
 */
@ExtendWith(OutputCaptureExtension.class)
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
    void checkpointsWaitWhileArchivedEventsPastTheNewestOneAreUnreadAndSaySo(CapturedOutput output) throws Exception {
        var job = new RegistryCheckpointJob(
                dataSource, eventLog, checkpoints, new CheckpointProperties(2, Duration.ofMinutes(1), 3));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add("job-archived-" + UUID.randomUUID());
            commands.send(new OpenConnection(ids.get(i), "node-a"));
        }
        job.round(); // notes the head: the next round may checkpoint up to it
        long before = checkpoints.newestPosition();
        // this node reads no archive; the archived opens lie past the newest checkpoint
        var archived = ArchiveAsTheArchiveDoes.archiveEach(
                Files.createTempDirectory("switchboard-archive"), List.of(ids.subList(0, 5)));
        try {
            assertThat(job.round())
                    .as("a checkpoint would leave the archived connections out")
                    .isZero();
            assertThat(job.round()).isZero();
            assertThat(checkpoints.newestPosition()).isEqualTo(before);
        } finally {
            ArchiveAsTheArchiveDoes.restore(archived);
        }
        // once for two rounds; the node's own job does not run meanwhile (the tests' nodes make a round an hour)
        assertThat(output.getOut())
                .containsOnlyOnce("registry checkpoints paused: events up to position "
                        + archived.get(archived.size() - 1).globalIndex() + " were archived to");

        assertThat(job.round()).as("the whole log is in the table again").isPositive();
        assertThat(output.getOut()).contains("registry checkpoints resumed");
    }

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
