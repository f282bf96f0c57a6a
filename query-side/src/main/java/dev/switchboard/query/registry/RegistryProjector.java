package dev.switchboard.query.registry;

import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;

/**
 * The registry's projection logic, in one place: which event changes which columns. The live projection, a rebuild
 * and a sandboxed replay all run this, each with its own {@link RegistryStore}.
 *
 * <p>The id migration sets the final id on the row keyed by the preliminary id, so no instant exists when neither id
 * finds the connection. Events that change no registry column (a claim, a refusal, a token refresh) are ignored.
 */
public final class RegistryProjector {

    private final RegistryStore store;

    public RegistryProjector(RegistryStore store) {
        this.store = store;
    }

    public void apply(ConnectionEvent event, EventRef ref) {
        if (event instanceof ConnectionOpened e) {
            store.opened(ref, e.connectionId(), e.nodeId(), e.at());
        } else if (event instanceof ConnectionAuthenticated e) {
            store.authenticated(ref, e.connectionId(), e.userId(), e.at());
        } else if (event instanceof ConnectionIdMigrated e) {
            store.migrated(ref, e.connectionId(), e.finalId());
        } else if (event instanceof ConnectionMarkedReady e) {
            store.ready(ref, e.connectionId(), e.at());
        } else if (event instanceof ConnectionClosed e) {
            store.closed(ref, e.connectionId(), e.reason(), e.at());
        }
    }
}
