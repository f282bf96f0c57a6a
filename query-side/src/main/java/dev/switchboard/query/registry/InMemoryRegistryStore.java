package dev.switchboard.query.registry;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A registry in memory, for replays in a sandbox: the same projection logic as the live table, never touching it.
 * Positions must be known ({@link EventRef#at}); writes are guarded by them exactly as in the table.
 */
public final class InMemoryRegistryStore implements RegistryStore {

    private final Map<String, ConnectionView> rows = new LinkedHashMap<>();

    @Override
    public void opened(EventRef event, String connectionId, String nodeId, Instant at) {
        rows.putIfAbsent(
                connectionId,
                new ConnectionView(
                        connectionId,
                        connectionId,
                        null,
                        nodeId,
                        ConnectionState.OPENED,
                        at,
                        null,
                        null,
                        null,
                        null,
                        event.position()));
    }

    @Override
    public void authenticated(EventRef event, String connectionId, String userId, Instant at) {
        update(event, connectionId, row -> RowChange.of(row).authenticated(userId, at));
    }

    @Override
    public void migrated(EventRef event, String connectionId, String finalId) {
        update(event, connectionId, row -> RowChange.of(row).migrated(finalId));
    }

    @Override
    public void ready(EventRef event, String connectionId, Instant at) {
        update(event, connectionId, row -> RowChange.of(row).ready(at));
    }

    @Override
    public void closed(EventRef event, String connectionId, CloseReason reason, Instant at) {
        update(event, connectionId, row -> RowChange.of(row).closed(reason, at));
    }

    /** Puts back a row as a copy of the registry held it (a checkpoint); later events apply to it as to any row. */
    public void restore(ConnectionView row) {
        rows.put(row.preliminaryId(), row);
    }

    /** Takes the CLOSED rows out: a closed row never changes again, so a checkpoint keeps it once. */
    public List<ConnectionView> removeClosed() {
        List<ConnectionView> closed = rows.values().stream()
                .filter(row -> row.state() == ConnectionState.CLOSED)
                .toList();
        closed.forEach(row -> rows.remove(row.preliminaryId()));
        return closed;
    }

    /** The row of the connection with this preliminary or final id. */
    public Optional<ConnectionView> find(String id) {
        ConnectionView byPreliminary = rows.get(id);
        if (byPreliminary != null) {
            return Optional.of(byPreliminary);
        }
        return rows.values().stream()
                .filter(row -> id.equals(row.connectionId()))
                .findFirst();
    }

    /** Every row, in the order the connections were opened. */
    public List<ConnectionView> rows() {
        return new ArrayList<>(rows.values());
    }

    private void update(EventRef event, String connectionId, Function<ConnectionView, RowChange> change) {
        rows.computeIfPresent(
                connectionId,
                (id, row) -> row.lastPosition() < event.position()
                        ? change.apply(row).at(event.position())
                        : row);
    }
}
