package dev.switchboard.gateway.rest;

import dev.switchboard.api.feed.PublishAgentEvent;
import java.util.Map;

/**
 * The body of {@code POST /api/users/{userId}/events}; checked by {@link EventRules}.
 *
 * @param data the event's details, a JSON object; absent means empty
 */
record PublishEventRequest(String runId, String event, Map<String, Object> data) {

    PublishAgentEvent forUser(String userId, String idempotencyKey) {
        return new PublishAgentEvent(userId, runId, event, data == null ? Map.of() : data, idempotencyKey);
    }
}
