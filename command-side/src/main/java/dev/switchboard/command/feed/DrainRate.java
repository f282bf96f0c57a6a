package dev.switchboard.command.feed;

import java.time.Duration;

/**
 * How fast the writer works off its queue, learnt from batches it took while more was waiting: only those show what
 * it can do. A quiet writer's batches of one or two events are mostly commit latency and would make it look slow.
 * An exponentially weighted average, so the estimate follows the database within a few batches.
 */
final class DrainRate {

    private static final double WEIGHT_OF_LATEST = 0.3;

    private double eventsPerNano;

    /** A batch of {@code events} taken while more were queued, written in {@code nanos}. */
    synchronized void record(int events, long nanos) {
        double latest = events / (double) Math.max(1, nanos);
        eventsPerNano =
                eventsPerNano == 0 ? latest : WEIGHT_OF_LATEST * latest + (1 - WEIGHT_OF_LATEST) * eventsPerNano;
    }

    /** How long {@code queuedEvents} would take; zero while nothing has been learnt, so a new writer refuses none. */
    synchronized Duration timeFor(int queuedEvents) {
        return eventsPerNano == 0 ? Duration.ZERO : Duration.ofNanos((long) (queuedEvents / eventsPerNano));
    }
}
