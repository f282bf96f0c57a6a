package dev.switchboard.query.registry;

import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

/**
 * Projects connection events into the registry. Runs in the {@value #PROCESSING_GROUP} processing group, which is a
 * subscribing processor: the row changes in the same transaction as the event is appended, and a failure here fails
 * the command instead of leaving a stale registry (see {@link RegistryProcessorConfiguration}).
 *
 * <p>The id migration is one row update that sets the final id while the preliminary id stays the key, so there is
 * no instant when neither id finds the connection.
 */
@Component
@ProcessingGroup(ConnectionRegistryProjection.PROCESSING_GROUP)
class ConnectionRegistryProjection {

    static final String PROCESSING_GROUP = "registry";

    private final RegistryTable table;

    ConnectionRegistryProjection(RegistryTable table) {
        this.table = table;
    }

    @EventHandler
    void on(ConnectionOpened event, @MessageIdentifier String eventId) {
        table.opened(eventId, event.connectionId(), event.nodeId(), event.at());
    }

    @EventHandler
    void on(ConnectionAuthenticated event, @MessageIdentifier String eventId) {
        table.authenticated(eventId, event.connectionId(), event.userId(), event.at());
    }

    @EventHandler
    void on(ConnectionIdMigrated event, @MessageIdentifier String eventId) {
        table.migrated(eventId, event.connectionId(), event.finalId());
    }

    @EventHandler
    void on(ConnectionMarkedReady event, @MessageIdentifier String eventId) {
        table.ready(eventId, event.connectionId(), event.at());
    }

    @EventHandler
    void on(ConnectionClosed event, @MessageIdentifier String eventId) {
        table.closed(eventId, event.connectionId(), event.reason(), event.at());
    }
}
