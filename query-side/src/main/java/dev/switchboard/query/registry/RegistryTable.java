package dev.switchboard.query.registry;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes to the registry table. Every write is guarded by the event's log position, so applying an event twice (a
 * replay, a rebuild) changes nothing: the handlers are idempotent.
 */
@Repository
class RegistryTable {

    /** The log position of the event being applied; it was appended earlier in the same transaction. */
    private static final String POSITION = "(SELECT global_index FROM domain_event_entry WHERE event_identifier = ?)";

    private final JdbcTemplate jdbc;

    RegistryTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void opened(String eventId, String connectionId, String nodeId, Instant at) {
        jdbc.update("INSERT INTO connection_registry (preliminary_id, node_id, state, opened_at, last_position) "
                        + "SELECT ?, ?, ?, ?, " + POSITION + " WHERE NOT EXISTS "
                        + "(SELECT 1 FROM connection_registry WHERE preliminary_id = ?)",
                connectionId, nodeId, ConnectionState.OPENED.name(), timestamp(at), eventId, connectionId);
    }

    void authenticated(String eventId, String connectionId, String userId, Instant at) {
        update(eventId, connectionId, "state = ?, user_id = ?, authenticated_at = ?",
                ConnectionState.AUTHENTICATED.name(), userId, timestamp(at));
    }

    void migrated(String eventId, String connectionId, String finalId) {
        update(eventId, connectionId, "final_id = ?", finalId);
    }

    void ready(String eventId, String connectionId, Instant at) {
        update(eventId, connectionId, "state = ?, ready_at = ?", ConnectionState.READY.name(), timestamp(at));
    }

    void closed(String eventId, String connectionId, CloseReason reason, Instant at) {
        update(eventId, connectionId, "state = ?, close_reason = ?, closed_at = ?",
                ConnectionState.CLOSED.name(), reason.name(), timestamp(at));
    }

    private void update(String eventId, String connectionId, String assignments, Object... values) {
        List<Object> arguments = new ArrayList<>(List.of(values));
        arguments.addAll(List.of(eventId, connectionId, eventId));
        jdbc.update("UPDATE connection_registry SET " + assignments + ", last_position = " + POSITION
                        + " WHERE preliminary_id = ? AND last_position < " + POSITION,
                arguments.toArray());
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.from(at);
    }
}
