package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes whatever requests are queued when it is free, up to the batch size, and writes them
 * in one transaction; requests that arrive meanwhile form the next batch, so an idle writer adds no wait and a busy
 * one commits many events at once. Requests are taken whole (one caller's events share a transaction) and in arrival
 * order, which keeps each user's events in the order their callers were answered.
 */
final class FeedWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedWriter.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final FeedTransaction transaction;
    private final FeedCommitListener listener;
    private final int maxBatchSize;
    private final Duration maxQueueDelay;
    private final DrainRate drainRate = new DrainRate();
    private final Deque<FeedRequest> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Thread thread;
    private int queuedEvents;
    private boolean closed;

    FeedWriter(FeedTransaction transaction, FeedCommitListener listener, int maxBatchSize, Duration maxQueueDelay) {
        this.transaction = transaction;
        this.listener = listener;
        this.maxBatchSize = maxBatchSize;
        this.maxQueueDelay = maxQueueDelay;
        this.thread = new Thread(this::run, "feed-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues the request; its answer completes after the commit. A request that fits in the next batch (or finds the
     * queue empty) is always taken; beyond that, one the writer would need longer than the bound to reach, at its
     * recent rate, is refused at once.
     *
     * @throws FeedOverloadedException when refused
     */
    CompletableFuture<List<AgentEventPublished>> submit(FeedRequest request) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The agent feed writer has stopped.");
            }
            if (queuedEvents + request.size() > maxBatchSize) {
                Duration wait = drainRate.timeFor(queuedEvents);
                if (wait.compareTo(maxQueueDelay) > 0) {
                    throw new FeedOverloadedException(wait, queuedEvents);
                }
            }
            queue.addLast(request);
            queuedEvents += request.size();
            queued.signal();
        } finally {
            lock.unlock();
        }
        return request.answer();
    }

    /**
     * Stops taking requests and writes what is queued. Waits for that a bounded time: a transaction stuck on the
     * database must not hold up a node's shutdown forever (the thread is a daemon).
     */
    @Override
    public void close() throws InterruptedException {
        lock.lock();
        try {
            closed = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        thread.join(SHUTDOWN_WAIT.toMillis());
        if (thread.isAlive()) {
            log.warn("the feed writer did not finish its queue within {}; stopping without it", SHUTDOWN_WAIT);
        }
    }

    private void run() {
        Batch next;
        while ((next = nextBatch()) != null) {
            List<FeedRequest> batch = next.requests();
            long started = System.nanoTime();
            List<AgentEventPublished> appended;
            try {
                appended = transaction.write(batch);
            } catch (Throwable failure) {
                RuntimeException answer = failure instanceof RuntimeException runtime
                        ? runtime
                        : new EventStoreException("The agent events could not be stored.", failure);
                batch.forEach(request -> request.fail(answer));
                continue;
            }
            if (next.backlog()) {
                drainRate.record(batch.stream().mapToInt(FeedRequest::size).sum(), System.nanoTime() - started);
            }
            if (!appended.isEmpty()) {
                tell(appended);
            }
            batch.stream().filter(request -> !request.isAnswered()).forEach(FeedRequest::answerCommitted);
        }
    }

    /** @param backlog whether more was queued than the batch took: only then does its time show the drain rate */
    private record Batch(List<FeedRequest> requests, boolean backlog) {}

    /** Waits for work; null once closed and drained. */
    private Batch nextBatch() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                queued.awaitUninterruptibly();
            }
            List<FeedRequest> batch = new ArrayList<>();
            int events = 0;
            while (!queue.isEmpty()
                    && (batch.isEmpty() || events + queue.peekFirst().size() <= maxBatchSize)) {
                FeedRequest request = queue.pollFirst();
                events += request.size();
                batch.add(request);
            }
            queuedEvents -= events;
            return batch.isEmpty() ? null : new Batch(batch, !queue.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    private void tell(List<AgentEventPublished> appended) {
        try {
            listener.committed(appended);
        } catch (RuntimeException e) {
            log.warn("the feed commit listener failed on {} appended events; they stay appended", appended.size(), e);
        }
    }
}
