package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.audit.log.LoggedEvent;
import dev.switchboard.query.registry.EventRef;
import dev.switchboard.query.registry.InMemoryRegistryStore;
import dev.switchboard.query.registry.RegistryProjector;
import java.util.List;
import java.util.Optional;

/**
 * The registry's own projection logic over a store in memory: the registry as it stood after the events applied so
 * far, with the live table untouched. Memory grows with the connections seen, as the live table does.
 */
final class SandboxRegistry {

    private final InMemoryRegistryStore store = new InMemoryRegistryStore();
    private final RegistryProjector projector = new RegistryProjector(store);

    /** Applies a connection event; anything else (feed events) does not change the registry and is ignored. */
    void apply(LoggedEvent event) {
        if (event.payload() instanceof ConnectionEvent connectionEvent) {
            projector.apply(connectionEvent, EventRef.at(event.eventId(), event.position()));
        }
    }

    /** The row of the connection with this preliminary id (a map lookup) or final id (a search). */
    Optional<RegistryRow> row(String connectionId) {
        return store.find(connectionId).map(RegistryRow::of);
    }

    /** Every row, in the order the connections were opened. */
    List<RegistryRow> rows() {
        return store.rows().stream().map(RegistryRow::of).toList();
    }
}
