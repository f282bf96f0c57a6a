package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A socket's place in its user's feed: the seq of the last event sent on it. It is what makes delivery exactly once
 * and in order whatever the races (a live event during a resume, the same event from the local fan-out and from
 * another node's notification, an event arriving before an earlier one): a repeat is skipped, and a gap is filled
 * from the log before the event that revealed it. Not thread-safe: callers hold the socket's lock.
 */
final class FeedCursor {

    private long lastSent = -1;

    /** The seq of the last event sent; -1 until the feed starts (the socket is ready). */
    long position() {
        return lastSent;
    }

    void startAfter(long seq) {
        lastSent = seq;
    }

    /**
     * Passes a live event to {@code send} exactly once, after any events the socket lacks before it.
     *
     * @param missed the user's events after a given seq, in order, read from the log
     */
    void admit(
            AgentEventPublished event,
            LongFunction<Iterable<AgentEventPublished>> missed,
            Consumer<AgentEventPublished> send) {
        if (lastSent < 0 || event.seq() <= lastSent) {
            return;
        }
        if (event.seq() > lastSent + 1) {
            catchUp(event.seq(), missed, send);
            return;
        }
        send.accept(event);
        lastSent = event.seq();
    }

    /**
     * Passes every logged event after the cursor up to {@code upTo} to {@code send}, in order. Reads the log only when
     * the cursor is behind: a socket that starts at the feed's head (every fresh one) costs no read.
     */
    void catchUp(long upTo, LongFunction<Iterable<AgentEventPublished>> missed, Consumer<AgentEventPublished> send) {
        if (upTo <= lastSent) {
            return;
        }
        for (AgentEventPublished event : missed.apply(lastSent)) {
            if (event.seq() > upTo) {
                break;
            }
            if (event.seq() > lastSent) {
                send.accept(event);
                lastSent = event.seq();
            }
        }
    }
}
