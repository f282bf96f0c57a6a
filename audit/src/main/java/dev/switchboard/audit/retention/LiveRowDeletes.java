package dev.switchboard.audit.retention;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Deletes archived rows from the live table by primary key, a small batch per transaction: each holds its rows' locks
 * for a few milliseconds and never the table's (a DELETE takes ROW EXCLUSIVE, which appends do not wait for).
 */
final class LiveRowDeletes {

    private static final String SQL = "DELETE FROM domain_event_entry WHERE global_index = ANY(?)";

    private final Connection connection;

    /** @param connection one connection for the run's deletes, in auto-commit: no new session per batch */
    LiveRowDeletes(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(true);
    }

    Connection connection() {
        return connection;
    }

    /** Deletes these positions in one short transaction; returns how many rows were still there. */
    int delete(List<Long> positions) throws SQLException {
        Array array = connection.createArrayOf("bigint", positions.toArray());
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setArray(1, array);
            return statement.executeUpdate();
        } finally {
            array.free();
        }
    }
}
