package dev.switchboard.audit.retention;

import dev.switchboard.audit.archive.ArchivedRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.postgresql.PGStatement;

/**
 * The rows retention lets go, read window by window of positions. A feed row qualifies when it is older than the
 * feed cutoff and its feed has a later event (the newest stays: {@code FeedRows.LAST_SEQUENCE} reads the next seq
 * from it); a connection row when the registry, projected in the same transaction as the events, has its connection
 * (by either id) CLOSED before the connection cutoff. Nothing else does: not a row of an open connection.
 *
 * <p>Each window is read in a transaction of its own with PostgreSQL's JIT off: the query's estimated cost (a
 * correlated {@code MAX} per feed row, an index probe each) sends it to JIT compilation, which took about 300 of the
 * 450 ms a window of 50,000 positions took ({@code EXPLAIN ANALYZE}, BENCHMARKS.md "Archive"); without it the same plan
 * runs in about 100 ms. Rows come in PostgreSQL's binary format: the byte columns as bytes, not hex text to decode.
 */
final class ArchivableRows {

    private static final String SQL = "SELECT e.global_index, e.aggregate_identifier, e.sequence_number, e.type, "
            + "e.event_identifier, e.meta_data, e.payload, e.payload_revision, e.payload_type, e.time_stamp "
            + "FROM domain_event_entry e WHERE e.global_index > ? AND e.global_index <= ? AND ("
            + "(e.aggregate_identifier LIKE 'feed:%' AND CAST(e.time_stamp AS TIMESTAMPTZ) < ? "
            + "AND e.sequence_number < (SELECT MAX(h.sequence_number) FROM domain_event_entry h "
            + "WHERE h.aggregate_identifier = e.aggregate_identifier)) "
            + "OR EXISTS (SELECT 1 FROM connection_registry r WHERE r.preliminary_id = e.aggregate_identifier "
            + "AND r.state = 'CLOSED' AND r.closed_at < ?) "
            + "OR EXISTS (SELECT 1 FROM connection_registry r WHERE r.final_id = e.aggregate_identifier "
            + "AND r.state = 'CLOSED' AND r.closed_at < ?)) ORDER BY e.global_index";

    /** pgjdbc's sign for "use the binary format from the first execution on" (a prepared statement's default is 5). */
    private static final int BINARY_FROM_THE_FIRST = -1;

    /** Before any event: a cutoff that lets nothing of its kind qualify. */
    private static final OffsetDateTime NEVER = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private ArchivableRows() {}

    /** Appends the window's archivable rows to {@code into}; {@code connection} is in auto-commit and stays so. */
    static void read(Connection connection, RetentionCutoffs cutoffs, long after, long upTo, List<ArchivedRow> into)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            readInTransaction(connection, cutoffs, after, upTo, into);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void readInTransaction(
            Connection connection, RetentionCutoffs cutoffs, long after, long upTo, List<ArchivedRow> into)
            throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET LOCAL jit = off");
        }
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(BINARY_FROM_THE_FIRST);
            statement.setLong(1, after);
            statement.setLong(2, upTo);
            statement.setObject(3, at(cutoffs.feedBefore()));
            statement.setObject(4, at(cutoffs.connectionsBefore()));
            statement.setObject(5, at(cutoffs.connectionsBefore()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    into.add(TableRows.row(rows));
                }
            }
        }
    }

    private static OffsetDateTime at(Instant cutoff) {
        return cutoff == null ? NEVER : cutoff.atOffset(ZoneOffset.UTC);
    }
}
