package dev.switchboard.bench.push;

import dev.switchboard.bench.CopyFloor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the event table itself costs a bulk writer, next to which the batch publish is read: the node's own feed rows,
 * read back from its log, written again into a fresh table of the event table's shape (its three unique keys and
 * all, {@code LIKE domain_event_entry INCLUDING ALL}), once by JDBC batches of {@link BatchRun#BATCH} rows a
 * transaction on one connection (what the node's feed writer sends, with the same driver setting), and once by one
 * {@code COPY}. The baseline, COPY into a table of five short columns and one key, is the floor of the rows;
 * these are the floor of the table the log keeps them in.
 */
final class EventTableFloor {

    private static final String TABLE = "bench_event_table_floor";
    private static final String CREATE_TABLE = "CREATE TABLE " + TABLE + " (LIKE domain_event_entry INCLUDING ALL)";
    private static final String COLUMNS = "event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
            + "payload_type, payload_revision, payload, meta_data";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EventTableFloor() {}

    /**
     * @param jdbcUrl the node's database (user included); the node's driver setting for batches is added
     * @param aggregatePrefix the streams whose rows are written again, at most {@code maxRows} of them
     */
    static Map<String, Object> measure(String jdbcUrl, String aggregatePrefix, long maxRows) throws Exception {
        var properties = new Properties();
        properties.setProperty("reWriteBatchedInserts", "true");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
            return measure(connection, aggregatePrefix, maxRows);
        }
    }

    private static Map<String, Object> measure(Connection connection, String aggregatePrefix, long maxRows)
            throws Exception {
        List<Object[]> rows = read(connection, aggregatePrefix, maxRows);
        Map<String, Object> floor = new LinkedHashMap<>();
        floor.put("rows", rows.size());
        if (rows.isEmpty()) {
            return floor;
        }
        double insertSeconds = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            insertSeconds = Math.min(insertSeconds, insertSeconds(connection, rows));
        }
        double copySeconds =
                CopyFloor.bestSeconds(connection, TABLE, " (" + COLUMNS + ")", CREATE_TABLE, copyText(rows), 3);
        floor.put("insertEventsPerSecond", rows.size() / insertSeconds);
        floor.put("copyEventsPerSecond", rows.size() / copySeconds);
        return floor;
    }

    private static List<Object[]> read(Connection connection, String aggregatePrefix, long maxRows)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM domain_event_entry WHERE aggregate_identifier LIKE ? ORDER BY global_index LIMIT ?")) {
            statement.setString(1, aggregatePrefix + "%");
            statement.setLong(2, maxRows);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Object[] row = new Object[9];
                    for (int column = 0; column < 9; column++) {
                        row[column] = result.getObject(column + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** A fresh table, then every row in transactions of {@link BatchRun#BATCH}; the table is dropped after. */
    private static double insertSeconds(Connection connection, List<Object[]> rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute(CREATE_TABLE);
        }
        String insert = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        connection.setAutoCommit(false);
        long started = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (int from = 0; from < rows.size(); from += BatchRun.BATCH) {
                for (Object[] row : rows.subList(from, Math.min(rows.size(), from + BatchRun.BATCH))) {
                    for (int column = 0; column < 9; column++) {
                        statement.setObject(column + 1, row[column]);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
                connection.commit();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + TABLE);
        }
        return seconds;
    }

    /** The rows in COPY's text format: bytea as {@code \\x} hex, null as {@code \N}. */
    private static byte[] copyText(List<Object[]> rows) {
        var text = new ByteArrayOutputStream();
        var line = new StringBuilder();
        for (Object[] row : rows) {
            line.setLength(0);
            for (int column = 0; column < 9; column++) {
                if (column > 0) {
                    line.append('\t');
                }
                Object value = row[column];
                if (value == null) {
                    line.append("\\N");
                } else if (value instanceof byte[] bytes) {
                    line.append("\\\\x");
                    for (byte b : bytes) {
                        line.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                    }
                } else {
                    line.append(value);
                }
            }
            text.writeBytes(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return text.toByteArray();
    }
}
