package dev.switchboard.query.registry;

import dev.switchboard.api.connection.ConnectionEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects connection events into the live registry table. Runs in the {@value #PROCESSING_GROUP} processing group, a
 * subscribing processor: the row changes in the same transaction as the event is appended, and a failure here fails
 * the command instead of leaving a stale registry (see {@link RegistryProcessorConfiguration}). A row's changes wait for
 * the transaction's commit and go out as one statement ({@link TransactionRows}).
 */
@Component
@ProcessingGroup(ConnectionRegistryProjection.PROCESSING_GROUP)
class ConnectionRegistryProjection {

    static final String PROCESSING_GROUP = "registry";

    private final RegistryProjector projector;

    ConnectionRegistryProjection(JdbcTemplate jdbc) {
        this.projector = new RegistryProjector(JdbcRegistryStore.live(jdbc));
    }

    @EventHandler
    void on(ConnectionEvent event, @MessageIdentifier String eventId) {
        projector.apply(event, EventRef.live(eventId));
    }
}
