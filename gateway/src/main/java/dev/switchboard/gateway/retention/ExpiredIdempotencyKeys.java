package dev.switchboard.gateway.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Deletes the feed's idempotency keys stored before a cutoff, oldest first, a batch per statement (each its own short
 * transaction in auto-commit, so no lock is held for long and a node that dies mid-run loses nothing but the rest of
 * the run). A key gone lets a publisher's retry under it through as a new event: the period must outlast any retry.
 */
final class ExpiredIdempotencyKeys {

    /** Rows per statement: a few milliseconds of work, found through the {@code stored_at} index. */
    static final int BATCH = 1_000;

    private static final String DELETE_OLDEST = "DELETE FROM feed_idempotency_key WHERE ctid = ANY (ARRAY("
            + "SELECT ctid FROM feed_idempotency_key WHERE stored_at < ? ORDER BY stored_at LIMIT " + BATCH + "))";

    private ExpiredIdempotencyKeys() {}

    /**
     * @param most the most rows this run deletes (at least one batch), so that a first run over years of keys is
     *     spread over several intervals instead of holding the retention slot for hours
     * @return how many it deleted
     */
    static long deleteStoredBefore(DataSource dataSource, Instant cutoff, long most) throws SQLException {
        long deleted = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_OLDEST)) {
            connection.setAutoCommit(true);
            delete.setTimestamp(1, Timestamp.from(cutoff));
            int batch;
            do {
                batch = delete.executeUpdate();
                deleted += batch;
            } while (batch == BATCH && deleted < most);
        }
        return deleted;
    }
}
