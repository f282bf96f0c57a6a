package dev.switchboard.bench.archive;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Bytes on disk, measured: the feed's rows and the connections' rows are each copied into a table made like the event
 * table (its indexes included) and freshly vacuumed, and {@code pg_total_relation_size} (heap, TOAST and indexes) of
 * each is divided by its events, or by the connections for a lifecycle; a lifecycle's registry row is measured the
 * same way on {@code connection_registry}.
 */
final class DiskBytes {

    private DiskBytes() {}

    static Map<String, Object> measure(DataSource dataSource) throws SQLException {
        Map<String, Object> bytes = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            long feedEvents = copyAndSize(statement, "archive_bench_feed", "aggregate_identifier LIKE 'feed:%'", bytes);
            long connectionRows = copyAndSize(
                    statement, "archive_bench_connections", "aggregate_identifier NOT LIKE 'feed:%'", bytes);
            long connections = single(statement, "SELECT COUNT(*) FROM connection_registry");
            statement.execute("VACUUM ANALYZE connection_registry");
            long registry = single(statement, "SELECT pg_total_relation_size('connection_registry')");
            bytes.put("feedEvents", feedEvents);
            bytes.put("connectionEventRows", connectionRows);
            bytes.put("connections", connections);
            bytes.put("bytesPerFeedEvent", (double) (long) bytes.get("archive_bench_feed") / feedEvents);
            bytes.put("bytesPerLifecycleEvents", (double) (long) bytes.get("archive_bench_connections") / connections);
            bytes.put("bytesPerLifecycleRegistryRow", (double) registry / connections);
        }
        return bytes;
    }

    private static long copyAndSize(Statement statement, String table, String where, Map<String, Object> into)
            throws SQLException {
        statement.execute("CREATE TABLE " + table + " (LIKE domain_event_entry INCLUDING ALL)");
        statement.execute("INSERT INTO " + table + " SELECT * FROM domain_event_entry WHERE " + where);
        statement.execute("VACUUM ANALYZE " + table);
        into.put(table, single(statement, "SELECT pg_total_relation_size('" + table + "')"));
        long rows = single(statement, "SELECT COUNT(*) FROM " + table);
        statement.execute("DROP TABLE " + table);
        return rows;
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
