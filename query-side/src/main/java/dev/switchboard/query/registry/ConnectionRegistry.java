package dev.switchboard.query.registry;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionCount;
import dev.switchboard.api.registry.ConnectionView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the registry. Each query is served by an index (see V3__connection_registry.sql). */
@Repository
public class ConnectionRegistry {

    private static final String COLUMNS = "preliminary_id, final_id, user_id, node_id, state, opened_at, "
            + "authenticated_at, ready_at, closed_at, close_reason, last_position";

    /** Ids one read asks for at most, so that a large set never becomes one statement of thousands of parameters. */
    private static final int IDS_PER_READ = 500;

    private final JdbcTemplate jdbc;

    // public for the registry benchmark, which times the READY check against a table without a Spring context
    public ConnectionRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The connection with this final or preliminary id: the READY check before every routed frame. Two single-index
     * lookups, the final id's first (what a READY connection is addressed by), and the second runs only when the first
     * finds nothing. {@code WHERE preliminary_id = ? OR final_id = ?} made PostgreSQL combine both indexes in a bitmap
     * on every call: twice the execution time, and the READY check's p99 over its 100 µs target (BENCHMARKS.md).
     */
    public Optional<ConnectionView> find(String id) {
        return jdbc
                .query(
                        "(SELECT " + COLUMNS + " FROM connection_registry WHERE final_id = ?) UNION ALL (SELECT "
                                + COLUMNS + " FROM connection_registry WHERE preliminary_id = ?) LIMIT 1",
                        ConnectionRegistry::view,
                        id,
                        id)
                .stream()
                .findFirst();
    }

    /** A user's connections, oldest first; all states when {@code state} is null. */
    public List<ConnectionView> ofUser(String userId, ConnectionState state) {
        if (state == null) {
            return jdbc.query(
                    "SELECT " + COLUMNS + " FROM connection_registry WHERE user_id = ? ORDER BY opened_at",
                    ConnectionRegistry::view,
                    userId);
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM connection_registry WHERE user_id = ? AND state = ? "
                        + "ORDER BY opened_at",
                ConnectionRegistry::view,
                userId,
                state.name());
    }

    /**
     * Which of these users' connections on this node are READY, by preliminary id: the feed's check before it sends,
     * one read for every user a batch of deliveries touches (served by the (user_id, state) index). Users are read
     * {@value #IDS_PER_READ} at a time, so that a large batch never becomes one statement of thousands of parameters.
     */
    public Set<String> readyOnNode(String nodeId, Collection<String> userIds) {
        Set<String> ready = new HashSet<>();
        List<String> users = List.copyOf(userIds);
        for (int from = 0; from < users.size(); from += IDS_PER_READ) {
            List<String> chunk = users.subList(from, Math.min(users.size(), from + IDS_PER_READ));
            List<Object> parameters = new ArrayList<>(chunk);
            parameters.add(ConnectionState.READY.name());
            parameters.add(nodeId);
            jdbc.query(
                    "SELECT preliminary_id FROM connection_registry WHERE user_id IN ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                            + ") AND state = ? AND node_id = ?",
                    row -> {
                        ready.add(row.getString(1));
                    },
                    parameters.toArray());
        }
        return ready;
    }

    /**
     * The newest {@code limit} connections, in any state when {@code state} is null: an operator's occasional look,
     * capped by the limit, so it has no index of its own.
     */
    public List<ConnectionView> newest(ConnectionState state, int limit) {
        String order = " ORDER BY opened_at DESC, preliminary_id LIMIT ?";
        if (state == null) {
            return jdbc.query(
                    "SELECT " + COLUMNS + " FROM connection_registry" + order, ConnectionRegistry::view, limit);
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM connection_registry WHERE state = ?" + order,
                ConnectionRegistry::view,
                state.name(),
                limit);
    }

    /**
     * A node's connections that are not closed and were opened no later than {@code openedBy}: what a dead node left
     * behind. The bound keeps out connections a restarted node with the same id opened since. Served by the
     * (node_id, state) index.
     */
    public List<ConnectionView> liveOnNode(String nodeId, Instant openedBy) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM connection_registry WHERE node_id = ? AND state IN (?, ?, ?) "
                        + "AND opened_at <= ? ORDER BY opened_at",
                ConnectionRegistry::view,
                nodeId,
                ConnectionState.OPENED.name(),
                ConnectionState.AUTHENTICATED.name(),
                ConnectionState.READY.name(),
                Timestamp.from(openedBy));
    }

    /**
     * Which of these connections (by preliminary id) the registry holds as CLOSED, with the reason: a node asks it of
     * the sockets it holds, to find closes that another node recorded. Served by the primary key, {@value #IDS_PER_READ}
     * ids a query.
     */
    public Map<String, CloseReason> closedAmong(Collection<String> preliminaryIds) {
        Map<String, CloseReason> closed = new HashMap<>();
        List<String> ids = List.copyOf(preliminaryIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ));
            // the state is tested here, not in the query, so that only the primary key can serve it
            jdbc.query(
                    "SELECT preliminary_id, state, close_reason FROM connection_registry WHERE preliminary_id IN ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
                    row -> {
                        if (ConnectionState.CLOSED.name().equals(row.getString("state"))) {
                            String reason = row.getString("close_reason");
                            closed.put(
                                    row.getString("preliminary_id"),
                                    reason == null ? CloseReason.SERVER_CLOSED : CloseReason.valueOf(reason));
                        }
                    },
                    chunk.toArray());
        }
        return closed;
    }

    public List<ConnectionCount> countByStateAndNode() {
        return jdbc.query(
                "SELECT state, node_id, COUNT(*) AS n FROM connection_registry GROUP BY state, node_id "
                        + "ORDER BY node_id, state",
                (row, i) -> new ConnectionCount(
                        ConnectionState.valueOf(row.getString("state")), row.getString("node_id"), row.getLong("n")));
    }

    private static ConnectionView view(ResultSet row, int index) throws SQLException {
        String finalId = row.getString("final_id");
        String preliminaryId = row.getString("preliminary_id");
        String closeReason = row.getString("close_reason");
        return new ConnectionView(
                finalId != null ? finalId : preliminaryId,
                preliminaryId,
                row.getString("user_id"),
                row.getString("node_id"),
                ConnectionState.valueOf(row.getString("state")),
                instant(row.getTimestamp("opened_at")),
                instant(row.getTimestamp("authenticated_at")),
                instant(row.getTimestamp("ready_at")),
                instant(row.getTimestamp("closed_at")),
                closeReason == null ? null : CloseReason.valueOf(closeReason),
                row.getLong("last_position"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
