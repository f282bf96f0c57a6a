package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.command.feed.AgentEvents;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Publishing an agent event: append it to the user's feed (it gets its seq there), and only after the commit hand it
 * to the local fan-out and announce it to the other nodes, whose sockets of the user read it from the log. This node
 * does not wait for its own announcement to come back; when it does, the sockets' cursors make it a no-op. The caller
 * does not wait for delivery.
 */
@Component
class FeedDelivery implements AgentEventPublisher {

    private final AgentEvents events;
    private final LocalFanOut fanOut;
    private final FeedNotifications notifications;

    FeedDelivery(AgentEvents events, LocalFanOut fanOut, FeedNotifications notifications) {
        this.events = events;
        this.fanOut = fanOut;
        this.notifications = notifications;
    }

    @Override
    public long publish(String userId, String runId, String event, Map<String, Object> data, String idempotencyKey) {
        AgentEventPublished published = events.append(userId, runId, event, data, idempotencyKey);
        fanOut.deliver(published);
        notifications.announce(published);
        return published.seq();
    }
}
