package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.feed.AgentEvents;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Publishing agent events: append them to their users' feeds, where they get their seqs, and nothing more. The feed
 * writer tells this node's commit listener once per committed transaction, which hands the events to the local
 * fan-out and announces them to the other nodes; so a batch of events costs one announcement, not one per event. The
 * caller does not wait for delivery.
 */
@Component
class FeedDelivery implements AgentEventPublisher {

    private final AgentEvents events;

    FeedDelivery(AgentEvents events) {
        this.events = events;
    }

    @Override
    public long publish(String userId, String runId, String event, Map<String, Object> data, String idempotencyKey) {
        return events.append(userId, runId, event, data, idempotencyKey).seq();
    }

    @Override
    public List<AgentEventPublished> publishAll(List<PublishAgentEvent> events) {
        return this.events.appendAll(events);
    }
}
