package dev.switchboard.bench.bare;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The hand-written durable push: one {@code INSERT} per event into {@code bench_push_event}, whose primary key
 * (user, seq) gives each seq to one event as the node's event table does, committed before the event is delivered.
 * Autocommit: the statement is its own transaction, one round trip and one WAL flush, the cheapest durable write by
 * hand. The pool has the node's shape (at most 24 connections, 4 idle, 2 s to get one).
 */
final class DurableRows implements FeedStore, AutoCloseable {

    private final HikariDataSource pool;

    /** @param jdbcUrl the database, user included ({@code ?user=postgres}) */
    DurableRows(String jdbcUrl) {
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("bench-durable-push");
        config.setMaximumPoolSize(24);
        config.setMinimumIdle(4);
        config.setConnectionTimeout(2_000);
        pool = new HikariDataSource(config);
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS bench_push_event (user_id TEXT NOT NULL, seq BIGINT NOT NULL, "
                            + "event TEXT NOT NULL, PRIMARY KEY (user_id, seq))");
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("cannot create bench_push_event: " + e.getMessage(), e);
        }
    }

    @Override
    public void append(String userId, long seq, String event) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO bench_push_event (user_id, seq, event) VALUES (?, ?, ?)")) {
            insert.setString(1, userId);
            insert.setLong(2, seq);
            insert.setString(3, event);
            insert.executeUpdate();
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
