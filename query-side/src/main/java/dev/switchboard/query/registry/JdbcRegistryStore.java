package dev.switchboard.query.registry;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The registry in a table: {@code connection_registry}, or a rebuild's fresh table of the same shape. Every write is
 * guarded by the event's log position, so applying an event twice (a replay, a rebuild) changes nothing.
 */
public class JdbcRegistryStore implements RegistryStore {

    public static final String LIVE_TABLE = "connection_registry";

    /** The position of an event appended earlier in the same transaction, when the caller does not know it. */
    private static final String POSITION_OF =
            "(SELECT global_index FROM domain_event_entry WHERE event_identifier = ?)";

    private final JdbcTemplate jdbc;
    private final String table;
    private final boolean heldForCommit;

    public JdbcRegistryStore(JdbcTemplate jdbc, String table) {
        this(jdbc, table, false);
    }

    private JdbcRegistryStore(JdbcTemplate jdbc, String table, boolean heldForCommit) {
        this.jdbc = jdbc;
        this.table = table;
        this.heldForCommit = heldForCommit;
    }

    /**
     * The live table, whose writes inside a transaction wait for its commit and go out as one statement per row
     * ({@link TransactionRows}); outside one, each goes out at once.
     */
    static JdbcRegistryStore live(JdbcTemplate jdbc) {
        return new JdbcRegistryStore(jdbc, LIVE_TABLE, true);
    }

    @Override
    public void opened(EventRef event, String connectionId, String nodeId, Instant at) {
        write(RowWrite.opening(
                connectionId, event, columns("node_id", nodeId, "state", ConnectionState.OPENED, "opened_at", at)));
    }

    @Override
    public void authenticated(EventRef event, String connectionId, String userId, Instant at) {
        write(RowWrite.updating(
                connectionId,
                event,
                columns("state", ConnectionState.AUTHENTICATED, "user_id", userId, "authenticated_at", at)));
    }

    @Override
    public void migrated(EventRef event, String connectionId, String finalId) {
        write(RowWrite.updating(connectionId, event, columns("final_id", finalId)));
    }

    @Override
    public void ready(EventRef event, String connectionId, Instant at) {
        write(RowWrite.updating(connectionId, event, columns("state", ConnectionState.READY, "ready_at", at)));
    }

    @Override
    public void closed(EventRef event, String connectionId, CloseReason reason, Instant at) {
        write(RowWrite.updating(
                connectionId,
                event,
                columns("state", ConnectionState.CLOSED, "close_reason", reason, "closed_at", at)));
    }

    private void write(RowWrite row) {
        if (!heldForCommit || !TransactionRows.hold(this, row)) {
            execute(row);
        }
    }

    /**
     * One statement for the row: an insert unless the row exists, or an update guarded by the position of the first
     * event it holds, setting the position of the last. For one event, that event's own guarded write.
     */
    void execute(RowWrite row) {
        List<Object> arguments = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (row.opens()) {
            arguments.add(row.connectionId());
            sql.append("INSERT INTO ").append(table).append(" (preliminary_id, ");
            row.columns().forEach((column, value) -> {
                sql.append(column).append(", ");
                arguments.add(value);
            });
            sql.append("last_position) SELECT ?, ")
                    .append("?, ".repeat(row.columns().size()))
                    .append(positionSql(row.last()))
                    .append(" WHERE NOT EXISTS (SELECT 1 FROM ")
                    .append(table)
                    .append(" WHERE preliminary_id = ?)");
            arguments.add(position(row.last()));
            arguments.add(row.connectionId());
        } else {
            sql.append("UPDATE ").append(table).append(" SET ");
            row.columns().forEach((column, value) -> {
                sql.append(column).append(" = ?, ");
                arguments.add(value);
            });
            sql.append("last_position = ")
                    .append(positionSql(row.last()))
                    .append(" WHERE preliminary_id = ? AND last_position < ")
                    .append(positionSql(row.first()));
            arguments.add(position(row.last()));
            arguments.add(row.connectionId());
            arguments.add(position(row.first()));
        }
        jdbc.update(sql.toString(), arguments.toArray());
    }

    /** Column names and values in pairs, as the table takes them. */
    private static Map<String, Object> columns(Object... pairs) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put((String) pairs[i], sqlValue(pairs[i + 1]));
        }
        return columns;
    }

    private static Object sqlValue(Object value) {
        if (value instanceof Instant at) {
            return Timestamp.from(at);
        }
        return value instanceof Enum<?> constant ? constant.name() : value;
    }

    private static String positionSql(EventRef event) {
        return event.position() == null ? POSITION_OF : "?";
    }

    private static Object position(EventRef event) {
        return event.position() == null ? event.eventId() : event.position();
    }
}
