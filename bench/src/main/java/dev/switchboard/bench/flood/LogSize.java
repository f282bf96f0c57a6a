package dev.switchboard.bench.flood;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the log and the registry hold, in rows and bytes. The tables' sizes are PostgreSQL's, heap, indexes and TOAST
 * together, in whole pages: they grow in steps, and a few hundred rows may not show.
 */
record LogSize(long events, long opened, long closed, long eventBytes, long eventTableBytes, long registryTableBytes) {

    private static final String QUERY = "SELECT COUNT(*), "
            + "COUNT(*) FILTER (WHERE payload_type LIKE '%.ConnectionOpened'), "
            + "COUNT(*) FILTER (WHERE payload_type LIKE '%.ConnectionClosed'), "
            + "COALESCE(SUM(octet_length(payload) + octet_length(meta_data)), 0), "
            + "pg_total_relation_size('domain_event_entry'), pg_total_relation_size('connection_registry') "
            + "FROM domain_event_entry";

    static LogSize of(Connection database) throws SQLException {
        try (Statement statement = database.createStatement();
                ResultSet row = statement.executeQuery(QUERY)) {
            row.next();
            return new LogSize(
                    row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6));
        }
    }

    /** Once every connection opened is closed in the log too; fails after {@code atMost}. */
    static LogSize settled(Connection database, Duration atMost) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            LogSize size = of(database);
            if (size.opened() == size.closed()) {
                return size;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the node had not recorded every close within " + atMost + ": " + size);
            }
            Thread.sleep(500);
        }
    }

    Map<String, Long> minus(LogSize before) {
        Map<String, Long> growth = new LinkedHashMap<>();
        growth.put("events", events - before.events);
        growth.put("connectionsOpened", opened - before.opened);
        growth.put("eventBytes", eventBytes - before.eventBytes);
        growth.put("eventTableBytes", eventTableBytes - before.eventTableBytes);
        growth.put("registryTableBytes", registryTableBytes - before.registryTableBytes);
        return growth;
    }
}
