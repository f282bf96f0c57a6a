package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.util.List;
import java.util.Map;

/**
 * The one way agent events enter the system, from the demo agent or from the HTTP API. A publish returns once the
 * events are committed to their users' feeds; delivery to the users' sockets follows, on this node and the others.
 */
public interface AgentEventPublisher {

    /**
     * Appends the event to the user's feed, where it gets the next per-user sequence number.
     *
     * @param event one of the five agent event names, e.g. {@code agent_started}
     * @return the event's sequence number in the user's feed
     * @throws dev.switchboard.command.feed.FeedOverloadedException when the feed is too far behind to take it
     */
    default long publish(String userId, String runId, String event, Map<String, Object> data) {
        return publish(userId, runId, event, data, null);
    }

    /**
     * As above; a publisher that retries (after a timeout or a 503) sends the same key, and an event the feed has
     * already taken under that key is not appended again: its earlier seq is returned (sockets skip what they have).
     *
     * @param idempotencyKey the publisher's id for this event; null when it has none
     * @throws dev.switchboard.command.feed.IdempotencyKeyReusedException when the key stands for another event
     */
    long publish(String userId, String runId, String event, Map<String, Object> data, String idempotencyKey);

    /**
     * Appends the events, of any users, in one transaction: all of them or none. Each user's events take seqs in the
     * order given; a key the user's feed already holds (or an earlier event of the list) stands for that event.
     *
     * @return the events as stored, in the order given
     * @throws IllegalArgumentException when any event is invalid; nothing is appended
     * @throws dev.switchboard.command.feed.IdempotencyKeyReusedException when a key stands for another event; nothing
     *     is appended
     * @throws dev.switchboard.command.feed.FeedOverloadedException when the feed is too far behind to take them
     */
    List<AgentEventPublished> publishAll(List<PublishAgentEvent> events);
}
