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

    /**
     * The event right after {@code position}, if it was read ahead; null if it was not. What the cursor has passed
     * meanwhile (a live event went out) is dropped, and so is a page that does not go on from the position.
     */
    synchronized AgentEventPublished nextAfter(long position) {
        AgentEventPublished next = page.peekFirst();
        while (next != null && next.seq() <= position) {
            pop();
            next = page.peekFirst();
        }
        if (next != null && next.seq() != position + 1) {
            discard();
            return null;
        }
        return next;
    }

    /** The seq of the first event read ahead; -1 when none is. */
    synchronized long firstSeq() {
        AgentEventPublished first = page.peekFirst();
        return first == null ? -1 : first.seq();
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
