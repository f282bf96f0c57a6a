package dev.switchboard.gateway.agent;

import dev.switchboard.api.message.AgentMessageEvent;
import dev.switchboard.api.message.MessageIds;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Appends what happened to the user's messages to the agent backend to the user's message stream. Two sockets of
 * one user may append at once: the event table's unique key lets one take each sequence number, and the other reads
 * the new head and appends after it.
 */
@Component
class MessageLog {

    static final String STREAM_TYPE = "AgentMessages";
    private static final int ATTEMPTS = 8;

    private final EventStore store;

    MessageLog(EventStore store) {
        this.store = store;
    }

    /** Appends the event once committed; throws when the database fails. Blocks: call it off the socket's thread. */
    void append(AgentMessageEvent event) {
        String stream = MessageIds.of(event.userId());
        for (int attempt = 1; ; attempt++) {
            long next =
                    store.lastSequenceNumberFor(stream).map(last -> last + 1).orElse(0L);
            try {
                store.publish(new GenericDomainEventMessage<>(
                        STREAM_TYPE,
                        stream,
                        next,
                        event,
                        MetaData.emptyInstance(),
                        UUID.randomUUID().toString(),
                        event.at()));
                return;
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
