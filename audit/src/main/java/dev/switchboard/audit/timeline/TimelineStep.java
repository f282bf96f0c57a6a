package dev.switchboard.audit.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.command.connection.ConnectionSnapshot;
import java.time.Instant;

/**
 * One event of a timeline and what it did. Fields that do not apply to the event are null.
 *
 * @param timestamp when the appending node's clock said it happened; the order is {@code position}'s
 * @param nodeId the node holding the connection (from its ConnectionOpened); for a ConnectionClosed the node that
 *     closed it, which differs when another node closed it (NODE_LOST); null for feed events
 * @param connectionId the connection's stream id (its preliminary id), also for a step of its final id's claim
 *     stream; the id the refused command named for a stream-less refusal; null for feed events
 * @param type the event's simple class name, e.g. {@code ConnectionOpened}
 * @param payload the event as the log's JSON mapper writes it
 * @param before the connection aggregate's state before the event, as its event-sourcing handlers left it
 * @param after the state after it; for a claim stream, {@code claimedBy} names the connection
 * @param registryRow the connection's row in the sandbox registry after the event
 * @param rejection set for a ConnectionCommandRejected
 * @param delivery set for an AgentEventPublished
 */
public record TimelineStep(
        long position,
        Instant timestamp,
        String nodeId,
        String streamId,
        String connectionId,
        String type,
        JsonNode payload,
        ConnectionSnapshot before,
        ConnectionSnapshot after,
        RegistryRow registryRow,
        Rejection rejection,
        Delivery delivery) {

    TimelineStep withDelivery(Delivery resolved) {
        return new TimelineStep(
                position,
                timestamp,
                nodeId,
                streamId,
                connectionId,
                type,
                payload,
                before,
                after,
                registryRow,
                rejection,
                resolved);
    }
}
