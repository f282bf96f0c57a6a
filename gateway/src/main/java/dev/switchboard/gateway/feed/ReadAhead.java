package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the {@link Backlog} holds for one socket between its turns: the rest of the last page read from the log, at
 * most one page, and whether it waits for the socket's queue to drain. Used under the socket's lock, except {@link
 * #discard} once the socket is gone; the methods are synchronized for that one case.
 */
final class ReadAhead {

    private final Deque<AgentEventPublished> page = new ArrayDeque<>(0);
    /** Events read ahead by every socket of the node, for the gauge. */
    private final AtomicLong held;
    /** The last seq of the replay that {@code ready} started: events up to it are a resume's, not live. */
    private long replayEnd;

    private boolean waiting;

    ReadAhead(AtomicLong held) {
        this.held = held;
    }

    void replayUpTo(long seq) {
        replayEnd = seq;
    }

    boolean isReplay(AgentEventPublished event) {
        return event.seq() <= replayEnd;
    }

    synchronized void fill(List<AgentEventPublished> events) {
        page.addAll(events);
        held.addAndGet(events.size());
    }

    /** The next event read ahead, or null. */
    synchronized AgentEventPublished peek() {
        return page.peekFirst();
    }

    synchronized void pop() {
        if (page.pollFirst() != null) {
            held.decrementAndGet();
        }
    }

    /** Drops what is read ahead: the cursor has moved past it, or the socket is gone. */
    synchronized void discard() {
        held.addAndGet(-page.size());
        page.clear();
    }

    /** Whether a turn waits for the socket's queue to drain: the drain, not a delivery, starts the next one. */
    boolean waiting() {
        return waiting;
    }

    void waiting(boolean waiting) {
        this.waiting = waiting;
    }
}
