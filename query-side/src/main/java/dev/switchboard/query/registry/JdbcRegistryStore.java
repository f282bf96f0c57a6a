package dev.switchboard.query.registry;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    public JdbcRegistryStore(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    @Override
    public void opened(EventRef event, String connectionId, String nodeId, Instant at) {
        List<Object> arguments =
                new ArrayList<>(List.of(connectionId, nodeId, ConnectionState.OPENED.name(), timestamp(at)));
        arguments.add(position(event));
        arguments.add(connectionId);
        jdbc.update(
                "INSERT INTO " + table + " (preliminary_id, node_id, state, opened_at, last_position) "
                        + "SELECT ?, ?, ?, ?, " + positionSql(event) + " WHERE NOT EXISTS "
                        + "(SELECT 1 FROM " + table + " WHERE preliminary_id = ?)",
                arguments.toArray());
    }

    @Override
    public void authenticated(EventRef event, String connectionId, String userId, Instant at) {
        update(
                event,
                connectionId,
                "state = ?, user_id = ?, authenticated_at = ?",
                ConnectionState.AUTHENTICATED.name(),
                userId,
                timestamp(at));
    }

    @Override
    public void migrated(EventRef event, String connectionId, String finalId) {
        update(event, connectionId, "final_id = ?", finalId);
    }

    @Override
    public void ready(EventRef event, String connectionId, Instant at) {
        update(event, connectionId, "state = ?, ready_at = ?", ConnectionState.READY.name(), timestamp(at));
    }

    @Override
    public void closed(EventRef event, String connectionId, CloseReason reason, Instant at) {
        update(
                event,
                connectionId,
                "state = ?, close_reason = ?, closed_at = ?",
                ConnectionState.CLOSED.name(),
                reason.name(),
                timestamp(at));
    }

    private void update(EventRef event, String connectionId, String assignments, Object... values) {
        List<Object> arguments = new ArrayList<>(List.of(values));
        arguments.add(position(event));
        arguments.add(connectionId);
        arguments.add(position(event));
        jdbc.update(
                "UPDATE " + table + " SET " + assignments + ", last_position = " + positionSql(event)
                        + " WHERE preliminary_id = ? AND last_position < " + positionSql(event),
                arguments.toArray());
    }

    private static String positionSql(EventRef event) {
        return event.position() == null ? POSITION_OF : "?";
    }

    private static Object position(EventRef event) {
        return event.position() == null ? event.eventId() : event.position();
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.from(at);
    }
}
