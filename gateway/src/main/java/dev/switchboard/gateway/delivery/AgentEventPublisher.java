package dev.switchboard.gateway.delivery;

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
    long publish(String userId, String runId, String event, Map<String, Object> data);
}
