package dev.switchboard.command.commit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue and the one thread of a group commit: the thread takes whatever is queued when it is free, up to a bound
 * on the batch's size, and hands it to the writer, which commits it in one transaction; what arrives meanwhile forms
 * the next batch. An idle writer adds no wait and a busy one commits many callers' work at once. Entries are taken
 * whole and in arrival order.
 *
 * @param <T> an entry: one caller's work and the answer it waits for, which the writer completes
 */
public final class GroupCommitQueue<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitQueue.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    /**
     * What the thread took.
     *
     * @param backlog whether more was queued than the batch took: only then does its time show the writer's rate
     */
    public record Batch<T>(List<T> entries, boolean backlog) {}

    private final String description;
    private final ToIntFunction<T> size;
    private final int maxBatchSize;
    private final Consumer<Batch<T>> writer;
    private final Deque<T> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Thread thread;
    private int queuedSize;
    private boolean closed;

    /**
     * Starts the thread.
     *
     * @param threadName the thread's name
     * @param description what the writer is, in messages ("agent feed writer")
     * @param size an entry's share of a batch's size (events, say)
     * @param maxBatchSize a batch takes entries while their sizes add up to at most this, and always the first one
     * @param writer commits a batch and answers its entries; whatever it throws is logged, so it answers them first
     */
    public GroupCommitQueue(
            String threadName, String description, ToIntFunction<T> size, int maxBatchSize, Consumer<Batch<T>> writer) {
        this.description = description;
        this.size = size;
        this.maxBatchSize = maxBatchSize;
        this.writer = writer;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues the entry, unless {@code admission}, called under the queue's lock with the size queued now, throws.
     *
     * @throws IllegalStateException once closed
     */
    public void add(T entry, IntConsumer admission) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The " + description + " has stopped.");
            }
            admission.accept(queuedSize);
            queue.addLast(entry);
            queuedSize += size.applyAsInt(entry);
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    public void add(T entry) {
        add(entry, queuedNow -> {});
    }

    /** How many entries wait now. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking entries and writes what is queued. Waits for that a bounded time: a transaction stuck on the
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
            log.warn("the {} did not finish its queue within {}; stopping without it", description, SHUTDOWN_WAIT);
        }
    }

    private void run() {
        Batch<T> batch;
        while ((batch = nextBatch()) != null) {
            try {
                writer.accept(batch);
            } catch (RuntimeException e) {
                log.error(
                        "the {} failed on a batch of {}",
                        description,
                        batch.entries().size(),
                        e);
            }
        }
    }

    /** Waits for work; null once closed and drained. */
    private Batch<T> nextBatch() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                queued.awaitUninterruptibly();
            }
            List<T> batch = new ArrayList<>();
            int taken = 0;
            while (!queue.isEmpty()
                    && (batch.isEmpty() || taken + size.applyAsInt(queue.peekFirst()) <= maxBatchSize)) {
                T entry = queue.pollFirst();
                taken += size.applyAsInt(entry);
                batch.add(entry);
            }
            queuedSize -= taken;
            return batch.isEmpty() ? null : new Batch<>(batch, !queue.isEmpty());
        } finally {
            lock.unlock();
        }
    }
}
