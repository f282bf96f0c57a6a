package dev.switchboard.gateway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An agent backend pushing one event per user to a node every period, on a thread of its own, while a test does
 * something else. Every answer is kept: a refused push is recorded and the loop goes on, so a test reads every
 * refusal instead of losing the pushing to an exception that a scheduled task swallows.
 */
final class PushLoop implements AutoCloseable {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private volatile long lastRoundStartedNanos;

    private PushLoop(Publisher publisher, ProcessNode node, List<String> users, Duration period) {
        thread.scheduleAtFixedRate(
                () -> {
                    lastRoundStartedNanos = System.nanoTime();
                    rounds.incrementAndGet();
                    for (String user : users) {
                        try {
                            publisher.push(node, user);
                            accepted.incrementAndGet();
                        } catch (Throwable refused) {
                            refusals.add(user + ": " + refused.getMessage());
                        }
                    }
                },
                0,
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    static PushLoop start(Publisher publisher, ProcessNode node, List<String> users, Duration period) {
        return new PushLoop(publisher, node, users, period);
    }

    /** Whether a round of pushes started after {@code nanos} ({@link System#nanoTime()}): the loop still runs. */
    boolean roundStartedAfter(long nanos) {
        return rounds.get() > 0 && lastRoundStartedNanos - nanos > 0;
    }

    /** Stops after the round under way; fails when it does not end in time. */
    void stop() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new AssertionError("a round of pushes did not end within 30 s");
        }
    }

    long rounds() {
        return rounds.get();
    }

    long accepted() {
        return accepted.get();
    }

    /** Every push that was not accepted, with the node's answer. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
