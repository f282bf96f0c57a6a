package dev.switchboard.api.feed;

import java.util.Map;

/**
 * Append an agent event to the user's feed, where it takes the next per-user sequence number.
 *
 * @param event one of the {@link AgentEventKind} wire names
 * @param idempotencyKey the publisher's id for this event; a key the user's feed already holds is not appended again.
 *     May be null.
 */
public record PublishAgentEvent(
        String userId, String runId, String event, Map<String, Object> data, String idempotencyKey) {}
