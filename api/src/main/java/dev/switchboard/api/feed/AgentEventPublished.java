package dev.switchboard.api.feed;

import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * An agent event in a user's feed. {@code seq} is the user's sequence number: it starts at 1, has no gaps, and is the
 * feed stream's sequence number plus one, so the event table's unique key hands out each seq once across all nodes.
 *
 * @param event one of the {@link AgentEventKind} wire names
 * @param idempotencyKey the publisher's id for the event, or null
 * @param at when the node that appended it saw it
 */
@Revision("1")
public record AgentEventPublished(
        String userId,
        long seq,
        String runId,
        String event,
        Map<String, Object> data,
        String idempotencyKey,
        Instant at) {}
