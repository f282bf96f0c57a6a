package dev.switchboard.gateway.feed;

import java.util.Map;

/** The one way an agent event enters the system, from the demo agent or from {@code POST /api/users/{id}/events}. */
public interface AgentEventPublisher {

    /**
     * Appends the event to the user's feed, where it gets the next per-user sequence number, and only then delivers
     * it to every READY connection of that user.
     *
     * @param event one of the five agent event names, e.g. {@code agent_started}
     * @return the event's sequence number in the user's feed
     */
    default long publish(String userId, String runId, String event, Map<String, Object> data) {
        return publish(userId, runId, event, data, null);
    }

    /**
     * As above; a publisher that retries (after a timeout or a 503) sends the same key, and an event the feed has
     * already taken under that key is not appended again: its earlier seq is returned (sockets skip what they have).
     *
     * @param idempotencyKey the publisher's id for this event; null when it has none
     */
    long publish(String userId, String runId, String event, Map<String, Object> data, String idempotencyKey);
}
