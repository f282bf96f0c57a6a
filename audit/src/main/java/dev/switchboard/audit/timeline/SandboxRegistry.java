package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.LoggedEvent;
import dev.switchboard.audit.log.RegistryEvents;
import dev.switchboard.audit.log.RegistryPayloads;
import dev.switchboard.query.registry.EventRef;
import dev.switchboard.query.registry.InMemoryRegistryStore;
import dev.switchboard.query.registry.RegistryProjector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's own projection logic over a store in memory: the registry as it stood after the events applied so
 * far, with the live table untouched. Memory grows with the connections seen, as the live table does. It also keeps
 * the position each connection was opened at: the order of the registry's rows, which a checkpoint must keep.
 */
final class SandboxRegistry {

    private final InMemoryRegistryStore store = new InMemoryRegistryStore();
    private final RegistryProjector projector = new RegistryProjector(store);
    private final Map<String, Long> openedAt = new HashMap<>();

    /** Applies a connection event; anything else (feed events) does not change the registry and is ignored. */
    void apply(LoggedEvent event) {
        apply(event.position(), event.payload());
    }

    /**
     * Like {@link #apply(LoggedEvent)}, for a replay that reads only positions and payloads ({@link
     * dev.switchboard.audit.log.EventLog#scanPayloads}): a row's writes are guarded by positions alone.
     */
    void apply(long position, Object payload) {
        if (payload instanceof ConnectionEvent connectionEvent) {
            if (connectionEvent instanceof ConnectionOpened opened) {
                openedAt.putIfAbsent(opened.connectionId(), position);
            }
            projector.apply(connectionEvent, EventRef.at(null, position));
        }
    }

    /** Applies the registry events after {@code after} up to {@code upTo}, reading nothing else of the log. */
    void replay(EventLog log, long after, long upTo) {
        log.scanPayloads(after, upTo, RegistryEvents.TYPES, RegistryPayloads::read, this::apply, position -> {});
    }

    /** Puts back the rows a checkpoint kept open; the events after it apply to them. */
    void restore(List<CheckpointRow> rows) {
        for (CheckpointRow row : rows) {
            store.restore(row.row());
            openedAt.put(row.row().preliminaryId(), row.openedAt());
        }
    }

    /** Takes out the rows that are CLOSED: a checkpoint keeps them once, as they never change again. */
    List<CheckpointRow> removeClosed() {
        List<CheckpointRow> closed =
                store.removeClosed().stream().map(this::checkpointRow).toList();
        closed.forEach(row -> openedAt.remove(row.row().preliminaryId()));
        return closed;
    }

    /** The row of the connection with this preliminary id (a map lookup) or final id (a search). */
    Optional<RegistryRow> row(String connectionId) {
        return store.find(connectionId).map(RegistryRow::of);
    }

    /** Every row, in the order the connections were opened. */
    List<RegistryRow> rows() {
        return store.rows().stream().map(RegistryRow::of).toList();
    }

    /** Every row with the position it was opened at, in that order. */
    List<CheckpointRow> checkpointRows() {
        return store.rows().stream().map(this::checkpointRow).toList();
    }

    /** The rows an event after {@code position} changed (or opened), with the positions they were opened at. */
    List<CheckpointRow> changedAfter(long position) {
        return store.rows().stream()
                .filter(row -> row.lastPosition() > position)
                .map(this::checkpointRow)
                .toList();
    }

    private CheckpointRow checkpointRow(ConnectionView view) {
        return new CheckpointRow(openedAt.getOrDefault(view.preliminaryId(), 0L), view);
    }
}
