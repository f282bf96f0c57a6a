package dev.switchboard.gateway.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The cluster's one retention slot: a PostgreSQL session advisory lock, held on a connection of its own for the run.
 * A node that dies loses its session and with it the lock, so no lease or timeout is needed.
 */
@Component
class RetentionLock {

    /** "SWRETAIN" in ASCII: a key no other part of Switchboard uses. */
    static final long KEY = 0x5357_5245_5441_494EL;

    private final DataSource dataSource;

    RetentionLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} if no other node holds the lock; otherwise does nothing. */
    void whileHeld(Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!call(connection, "SELECT pg_try_advisory_lock(?)")) {
                return;
            }
            try {
                work.run();
            } finally {
                call(connection, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the retention lock: " + e.getMessage(), e);
        }
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
