package dev.switchboard.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's own bulk write, the floor a bulk writer is held to: {@code COPY} of rows already in memory (so only the
 * write is timed) into a freshly created table, in one transaction. The table is dropped afterwards.
 */
public final class CopyFloor {

    private CopyFloor() {}

    /**
     * @param createTable the statement that creates {@code table}, keys and all
     * @param rows the rows in COPY's text format
     * @return the fastest of {@code runs} COPYs, in seconds, each into a table created anew
     */
    public static double bestSeconds(Connection connection, String table, String createTable, byte[] rows, int runs)
            throws SQLException, IOException {
        return bestSeconds(connection, table, "", createTable, rows, runs);
    }

    /** As above, the rows holding only {@code columns} (a parenthesised list, or empty for every column). */
    public static double bestSeconds(
            Connection connection, String table, String columns, String createTable, byte[] rows, int runs)
            throws SQLException, IOException {
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        double best = Double.MAX_VALUE;
        try (Statement statement = connection.createStatement()) {
            for (int run = 0; run < runs; run++) {
                statement.execute("DROP TABLE IF EXISTS " + table);
                statement.execute(createTable);
                connection.setAutoCommit(false);
                long started = System.nanoTime();
                copy.copyIn("COPY " + table + columns + " FROM STDIN", new ByteArrayInputStream(rows));
                connection.commit();
                best = Math.min(best, (System.nanoTime() - started) / 1e9);
                connection.setAutoCommit(true);
            }
            statement.execute("DROP TABLE " + table);
        }
        return best;
    }
}
