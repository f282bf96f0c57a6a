package dev.switchboard.audit.rebuild;

import dev.switchboard.api.registry.ConnectionView;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Inserts rows a batch opened and completed in memory, in the caller's transaction: with COPY on PostgreSQL, the
 * database's own bulk path, else as one JDBC batch. A plain insert, so a row that already exists fails the batch (and
 * the rebuild, which then changes nothing live) instead of being overwritten: in a replay in log order a connection's
 * row is opened once, by the first event of its stream.
 */
final class NewRowInserts {

    private static final String COLUMNS = "preliminary_id, final_id, user_id, node_id, state, opened_at, "
            + "authenticated_at, ready_at, closed_at, close_reason, last_position";

    private final DataSource dataSource;
    private final String table;

    NewRowInserts(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    void insert(List<ConnectionView> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                copy(connection.unwrap(PGConnection.class), rows);
            } else {
                batch(rows);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot insert " + rows.size() + " rebuilt rows: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void copy(PGConnection connection, List<ConnectionView> rows) throws SQLException, IOException {
        var text = new StringBuilder(rows.size() * 256);
        for (ConnectionView row : rows) {
            text.append(cell(row.preliminaryId()))
                    .append('\t')
                    .append(cell(finalId(row)))
                    .append('\t')
                    .append(cell(row.userId()))
                    .append('\t')
                    .append(cell(row.nodeId()))
                    .append('\t')
                    .append(row.state().name())
                    .append('\t');
            time(text, row.openedAt()).append('\t');
            time(text, row.authenticatedAt()).append('\t');
            time(text, row.readyAt()).append('\t');
            time(text, row.closedAt())
                    .append('\t')
                    .append(cell(
                            row.closeReason() == null ? null : row.closeReason().name()))
                    .append('\t')
                    .append(row.lastPosition())
                    .append('\n');
        }
        connection
                .getCopyAPI()
                .copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN", new StringReader(text.toString()));
    }

    private void batch(List<ConnectionView> rows) {
        List<Object[]> arguments = new ArrayList<>(rows.size());
        for (ConnectionView row : rows) {
            arguments.add(new Object[] {
                row.preliminaryId(),
                finalId(row),
                row.userId(),
                row.nodeId(),
                row.state().name(),
                timestamp(row.openedAt()),
                timestamp(row.authenticatedAt()),
                timestamp(row.readyAt()),
                timestamp(row.closedAt()),
                row.closeReason() == null ? null : row.closeReason().name(),
                row.lastPosition()
            });
        }
        new JdbcTemplate(dataSource)
                .batchUpdate(
                        "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        arguments);
    }

    /** A migrated row's connection id is its final id; the aggregate refuses a final id equal to the preliminary. */
    private static String finalId(ConnectionView row) {
        return row.connectionId().equals(row.preliminaryId()) ? null : row.connectionId();
    }

    /**
     * COPY's text format: null is {@code \N}; a backslash, tab, newline or return is escaped (a user id may hold one).
     */
    private static String cell(String value) {
        if (value == null) {
            return "\\N";
        }
        return value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r");
    }

    /**
     * Rounded to microseconds half up, as PgJDBC rounds a bound Timestamp, so both paths store the same value; written
     * by hand for years 1 to 9999 ({@code Instant.toString} was a sixth of a replay's CPU).
     */
    private static StringBuilder time(StringBuilder text, Instant at) {
        if (at == null) {
            return text.append("\\N");
        }
        long micros = (at.getNano() + 500) / 1000;
        long seconds = at.getEpochSecond() + micros / 1_000_000;
        micros %= 1_000_000;
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        if (date.getYear() < 1 || date.getYear() > 9999) {
            return text.append(Instant.ofEpochSecond(seconds, micros * 1000));
        }
        int second = (int) Math.floorMod(seconds, 86_400);
        pad(text, date.getYear(), 4).append('-');
        pad(text, date.getMonthValue(), 2).append('-');
        pad(text, date.getDayOfMonth(), 2).append('T');
        pad(text, second / 3600, 2).append(':');
        pad(text, second / 60 % 60, 2).append(':');
        pad(text, second % 60, 2).append('.');
        return pad(text, micros, 6).append('Z');
    }

    private static StringBuilder pad(StringBuilder text, long value, int width) {
        for (long limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
            if (value < limit) {
                text.append('0');
            }
        }
        return text.append(value);
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
