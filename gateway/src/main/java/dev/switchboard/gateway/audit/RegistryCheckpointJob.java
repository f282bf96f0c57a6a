package dev.switchboard.gateway.audit;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.UnreadArchive;
import dev.switchboard.audit.timeline.RegistryCheckpointer;
import dev.switchboard.audit.timeline.RegistryCheckpoints;
import dev.switchboard.gateway.node.PeriodicJob;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the registry checkpoints up with the log: each round, one node (a PostgreSQL advisory lock; the embedded
 * database runs one node) makes the checkpoints due up to the head the previous round saw, a round's interval ago, so
 * that no transaction still writes below a checkpoint's position. A round makes a few at most, each from the one
 * before it: a node adds a bounded cost however long the log.
 */
@Component
class RegistryCheckpointJob extends PeriodicJob {

    /** The advisory lock key: "regchkpt" read as a number. */
    private static final long LOCK = 0x7265_6763_686b_7074L;

    private static final Logger log = LoggerFactory.getLogger(RegistryCheckpointJob.class);

    private final DataSource dataSource;
    private final EventLog eventLog;
    private final RegistryCheckpointer checkpointer;
    private final CheckpointProperties properties;
    private final RegistryCheckpoints checkpoints;
    private long settledHead = -1;
    private boolean previousVersionNoted;
    /** What the last round found unread, while checkpoints wait for it; null while they are made. */
    private String pausedBecause;

    RegistryCheckpointJob(
            DataSource dataSource,
            EventLog eventLog,
            RegistryCheckpoints checkpoints,
            CheckpointProperties properties) {
        super("registry-checkpoints", properties::interval);
        this.dataSource = dataSource;
        this.eventLog = eventLog;
        this.checkpointer = new RegistryCheckpointer(eventLog, checkpoints, properties.every());
        this.checkpoints = checkpoints;
        this.properties = properties;
    }

    /** @return how many checkpoints this round made */
    int round() {
        long upTo = settledHead;
        settledHead = eventLog.head();
        if (upTo < properties.every()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            if (postgres && !lock(connection, "SELECT pg_try_advisory_lock(?)")) {
                return 0; // another node makes them
            }
            try {
                notePreviousVersion();
                if (pausedForTheArchive()) {
                    return 0;
                }
                int made = checkpointer.extend(upTo, properties.perRound());
                if (made > 0) {
                    log.info("made {} registry checkpoint(s), up to position {}", made, upTo);
                }
                return made;
            } finally {
                if (postgres) {
                    lock(connection, "SELECT pg_advisory_unlock(?)");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registry checkpoints: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the next checkpoint would be made without archived events this node does not read: it is made from the
     * newest one plus the events since, so archived positions past the newest checkpoint would be missing from it (their
     * connections left out of every {@code registry-at} after it, with nothing to tell). Archived positions at or below
     * the newest checkpoint are already in the checkpoints and cost nothing. Says so once per distinct gap, and when it
     * is over.
     */
    private boolean pausedForTheArchive() {
        var unread =
                eventLog.unreadArchive().filter(archived -> archived.upToPosition() > checkpoints.newestPosition());
        String sentence = unread.map(UnreadArchive::sentence).orElse(null);
        if (sentence != null && !sentence.equals(pausedBecause)) {
            log.warn(
                    "registry checkpoints paused: {}, and this node does not read them; a checkpoint made without "
                            + "them would leave their connections out. Set SWITCHBOARD_ARCHIVE_DIR to that archive on "
                            + "every node: any of them may make the next checkpoint",
                    sentence);
        } else if (sentence == null && pausedBecause != null) {
            log.info("registry checkpoints resumed: this node reads every archived event they need");
        }
        pausedBecause = sentence;
        return sentence != null;
    }

    /** Once per node: says why registry-at is slow until the checkpoints are made anew after an upgrade. */
    private void notePreviousVersion() {
        if (previousVersionNoted) {
            return;
        }
        previousVersionNoted = true;
        int old = checkpoints.ofThePreviousVersion();
        if (old > 0 && checkpoints.newestPosition() == 0) {
            log.info(
                    "registry checkpoints: the {} checkpoint(s) of the previous version (table registry_checkpoint, "
                            + "gzipped JSON) are not read; making them anew from the start of the log, {} per round; "
                            + "registry-at replays from the newest one made so far. Drop registry_checkpoint once no "
                            + "node of the previous version runs.",
                    old,
                    properties.perRound());
        }
    }

    @Override
    protected void runOnce() {
        round();
    }

    private static boolean lock(Connection connection, String sql) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            try (var result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
