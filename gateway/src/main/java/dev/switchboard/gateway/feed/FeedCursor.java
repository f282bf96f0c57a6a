package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import java.util.function.Consumer;

/**
 * A socket's place in its user's feed: the seq of the last event sent on it, and the newest seq it knows the log
 * holds. It is what makes delivery exactly once and in order whatever the races (a live event during a resume, the
 * same event from the local fan-out and from another node's announcement, an event arriving before an earlier one):
 * only the event right after the last one sent goes out; a repeat is skipped, and a later one only tells the cursor
 * how far the log reaches, so that the socket reads what it lacks from the log ({@link Backlog}). Not thread-safe:
 * callers hold the socket's lock.
 */
final class FeedCursor {

    private long lastSent = -1;
    private long known = -1;

    /** The seq of the last event sent; -1 until the feed starts (the socket is ready). */
    long position() {
        return lastSent;
    }

    /** Starts the feed after {@code seq}, with the log known to reach {@code head}. */
    void startAfter(long seq, long head) {
        lastSent = seq;
        known = Math.max(seq, head);
    }

    /**
     * The log holds the user's events up to {@code seq}.
     *
     * @return how many events before {@code seq} the cursor did not know of: a gap that only this one revealed
     */
    long learn(long seq) {
        if (lastSent < 0 || seq <= known) {
            return 0;
        }
        long revealed = seq - known - 1;
        known = seq;
        return revealed;
    }

    /** Whether the log holds events this socket has not been sent. */
    boolean behind() {
        return lastSent >= 0 && lastSent < known;
    }

    /** How many events the socket lacks, as far as the cursor knows. */
    long lacking() {
        return behind() ? known - lastSent : 0;
    }

    /**
     * The log no longer holds the events up to {@code seq} (they were archived): the socket goes on after them, as if
     * sent, and the caller has told the client so.
     */
    void skipTo(long seq) {
        lastSent = Math.max(lastSent, seq);
        known = Math.max(known, lastSent);
    }

    /** The log does not hold what an announcement promised (it was wrong): stop wanting it; a sweep looks again. */
    void forgetBeyondPosition() {
        known = lastSent;
    }

    /**
     * Passes the event to {@code send} if it is the next one the socket lacks.
     *
     * @return whether it was sent; if not, it was a repeat, or it comes after a gap and was only {@link #learn learnt}
     */
    boolean offer(AgentEventPublished event, Consumer<AgentEventPublished> send) {
        if (lastSent < 0 || event.seq() != lastSent + 1) {
            learn(event.seq());
            return false;
        }
        send.accept(event);
        lastSent = event.seq();
        known = Math.max(known, lastSent);
        return true;
    }
}
