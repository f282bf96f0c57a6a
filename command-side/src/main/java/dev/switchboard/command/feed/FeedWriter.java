package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.command.commit.GroupCommitQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit ({@link GroupCommitQueue}) of agent events: the writer's thread takes whatever requests are queued when
 * it is free, up to the batch size in events, and writes them in one transaction. Requests are taken whole (one
 * caller's events share a transaction) and in arrival order, which keeps each user's events in the order their
 * callers were answered.
 */
final class FeedWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedWriter.class);

    private final FeedTransaction transaction;
    private final FeedCommitListener listener;
    private final int maxBatchSize;
    private final Duration maxQueueDelay;
    private final DrainRate drainRate = new DrainRate();
    private final GroupCommitQueue<FeedRequest> queue;

    FeedWriter(FeedTransaction transaction, FeedCommitListener listener, int maxBatchSize, Duration maxQueueDelay) {
        this.transaction = transaction;
        this.listener = listener;
        this.maxBatchSize = maxBatchSize;
        this.maxQueueDelay = maxQueueDelay;
        this.queue = new GroupCommitQueue<>(
                "feed-writer", "agent feed writer", FeedRequest::size, maxBatchSize, this::write);
    }

    /**
     * Queues the request; its answer completes after the commit. A request that fits in the next batch (or finds the
     * queue empty) is always taken; beyond that, one the writer would need longer than the bound to reach, at its
     * recent rate, is refused at once.
     *
     * @throws FeedOverloadedException when refused
     */
    CompletableFuture<List<AgentEventPublished>> submit(FeedRequest request) {
        queue.add(request, queuedEvents -> {
            if (queuedEvents + request.size() > maxBatchSize) {
                Duration wait = drainRate.timeFor(queuedEvents);
                if (wait.compareTo(maxQueueDelay) > 0) {
                    throw new FeedOverloadedException(wait, queuedEvents);
                }
            }
        });
        return request.answer();
    }

    /** Stops taking requests and writes what is queued, waiting for that a bounded time. */
    @Override
    public void close() throws InterruptedException {
        queue.close();
    }

    private void write(GroupCommitQueue.Batch<FeedRequest> next) {
        List<FeedRequest> batch = next.entries();
        long started = System.nanoTime();
        List<AgentEventPublished> appended;
        try {
            appended = transaction.write(batch);
        } catch (Throwable failure) {
            RuntimeException answer = failure instanceof RuntimeException runtime
                    ? runtime
                    : new EventStoreException("The agent events could not be stored.", failure);
            batch.forEach(request -> request.fail(answer));
            return;
        }
        if (next.backlog()) {
            drainRate.record(batch.stream().mapToInt(FeedRequest::size).sum(), System.nanoTime() - started);
        }
        if (!appended.isEmpty()) {
            tell(appended);
        }
        batch.stream().filter(request -> !request.isAnswered()).forEach(FeedRequest::answerCommitted);
    }

    private void tell(List<AgentEventPublished> appended) {
        try {
            listener.committed(appended);
        } catch (RuntimeException e) {
            log.warn("the feed commit listener failed on {} appended events; they stay appended", appended.size(), e);
        }
    }
}
