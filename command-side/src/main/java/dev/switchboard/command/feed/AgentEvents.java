package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.ids.MessageIdentifiers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;

/**
 * Appends agent events to users' feeds, stream {@code feed:<userId>}, where event n (Axon counts from 0) carries seq
 * n + 1: the event table's unique key on (stream, sequence) hands each seq to exactly one event, across nodes too.
 * There is no aggregate to load: a user's next seq comes from a cached head, and a node's concurrent publishes share
 * one transaction and one commit (see {@link FeedWriter}).
 *
 * <p>An event carrying an idempotency key its user's feed already holds is not appended again: the caller gets the
 * earlier event, however long ago it was stored, provided it sends the same run id, event and data; with another body
 * the key is refused.
 */
public class AgentEvents implements AutoCloseable {

    private final FeedWriter writer;
    private final Supplier<String> traceIds;
    private final FeedPayloads payloads;

    AgentEvents(
            DataSource dataSource,
            Serializer eventSerializer,
            Clock clock,
            FeedHeads heads,
            FeedCommitListener listener,
            int maxBatchSize,
            Duration maxQueueDelay) {
        Supplier<String> ids = new MessageIdentifiers()::generateIdentifier;
        this.payloads = new FeedPayloads(eventSerializer);
        var transaction = new FeedTransaction(dataSource, new FeedRows(eventSerializer, payloads), heads, clock, ids);
        this.writer = new FeedWriter(transaction, listener, maxBatchSize, maxQueueDelay);
        this.traceIds = ids;
    }

    /**
     * Appends the event to the user's feed and returns it as stored, with its seq. When the feed already holds
     * {@code idempotencyKey}, nothing is appended and the earlier event is returned.
     *
     * @param event one of the five agent event wire names
     * @param idempotencyKey the publisher's id for the event; may be null
     * @throws IllegalArgumentException when the user or run id is blank or too long, or the event name unknown
     * @throws IdempotencyKeyReusedException when the key stands for another event of the user's feed
     * @throws FeedOverloadedException when the writer is too far behind to take it
     */
    public AgentEventPublished append(
            String userId, String runId, String event, Map<String, Object> data, String idempotencyKey) {
        return appendAll(List.of(new PublishAgentEvent(userId, runId, event, data, idempotencyKey)))
                .get(0);
    }

    /**
     * Appends the events, of any users, in one transaction: all of them or, when it fails, none. Each user's events
     * take seqs in the order given. Every event is checked before anything is queued.
     *
     * @return the events as stored (or, for a key already held, as stored earlier), in the order given
     * @throws IllegalArgumentException when any event is invalid; nothing is appended
     * @throws IdempotencyKeyReusedException when an event's key stands for another event of its user's feed, or of
     *     the same request; nothing is appended
     * @throws FeedOverloadedException when the writer is too far behind to take them
     */
    public List<AgentEventPublished> appendAll(List<PublishAgentEvent> events) {
        events.forEach(AgentEventRules::validate);
        if (events.isEmpty()) {
            return List.of();
        }
        try {
            return writer.submit(new FeedRequest(events, traceIds, payloads)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() throws InterruptedException {
        writer.close();
    }
}
