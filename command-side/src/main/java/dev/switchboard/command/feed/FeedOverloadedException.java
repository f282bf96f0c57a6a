package dev.switchboard.command.feed;

import java.time.Duration;

/**
 * A publish refused at once because the feed writer is too far behind: the events already queued would keep it
 * waiting longer than the configured bound ({@code switchboard.command.feed.max-queue-delay}). Nothing was appended;
 * the caller may retry after {@link #retryAfterSeconds()}.
 */
public class FeedOverloadedException extends RuntimeException {

    private final long retryAfterSeconds;

    FeedOverloadedException(Duration estimatedWait, int queuedEvents) {
        super("The agent feed writer has " + queuedEvents + " events queued, about " + estimatedWait.toMillis()
                + " ms of work; publish again later.");
        this.retryAfterSeconds = Math.max(1, (estimatedWait.toMillis() + 999) / 1000);
    }

    /** Whole seconds, at least 1: about the time the writer needs to work off what it has queued now. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
