package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.api.feed.PublishAgentEvent;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends agent events to users' feeds. Two nodes publishing for one user at once both read the same last seq; the
 * store's unique key lets one append and refuses the other, which is retried against the new state and takes the
 * next seq. A user's very first publishes race on creating the stream, which Axon reports as a different exception.
 */
public class AgentEvents {

    private static final Logger log = LoggerFactory.getLogger(AgentEvents.class);

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final Retry conflictRetry;

    public AgentEvents(CommandGateway commandGateway, EventStore eventStore) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        // Random backoff, so that two nodes that just collided do not collide again on the very next attempt. The
        // loser restarts behind the winner's node, whose next local publish is already waiting on the lock, so it can
        // lose a few times in a row: two nodes hammering one user needed up to 6 attempts in AgentFeedIT.
        this.conflictRetry = Retry.of(
                "agent-feed-conflict",
                RetryConfig.custom()
                        .maxAttempts(20)
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                                Duration.ofMillis(2), 2.0, 0.5, Duration.ofMillis(100)))
                        .retryOnException(
                                e -> e instanceof ConcurrencyException || e instanceof AggregateStreamCreationException)
                        .build());
        conflictRetry
                .getEventPublisher()
                .onRetry(event -> log.debug(
                        "agent event met a concurrent publish for the same user ({}); "
                                + "retrying with the next seq (attempt {})",
                        event.getLastThrowable().getClass().getSimpleName(),
                        event.getNumberOfRetryAttempts()));
    }

    /**
     * Appends the event to the user's feed and returns it as stored, with its seq. When the feed has already seen
     * {@code idempotencyKey}, nothing is appended and the earlier event is returned.
     *
     * @param event one of the five agent event wire names
     * @param idempotencyKey the publisher's id for the event; may be null
     * @throws IllegalArgumentException when the user or run id is blank or the event name unknown
     */
    public AgentEventPublished append(
            String userId, String runId, String event, Map<String, Object> data, String idempotencyKey) {
        var command = new PublishAgentEvent(userId, runId, event, data, idempotencyKey);
        AgentFeed.validate(command);
        FeedAppend append = conflictRetry.executeSupplier(() -> commandGateway.sendAndWait(command));
        return append.appended() != null ? append.appended() : stored(userId, append.seq());
    }

    /**
     * A replayed key's earlier event, read back from the log: the caller gets the first event, not this call's data.
     * A new event needs no read: the one the feed applied is the one it stored.
     */
    private AgentEventPublished stored(String userId, long seq) {
        var events = eventStore.readEvents(FeedIds.of(userId), seq - 1);
        if (events.hasNext()
                && events.next().getPayload() instanceof AgentEventPublished published
                && published.seq() == seq) {
            return published;
        }
        throw new IllegalStateException("the feed of user " + userId + " accepted seq " + seq
                + " but does not hold it at stream position " + (seq - 1));
    }
}
