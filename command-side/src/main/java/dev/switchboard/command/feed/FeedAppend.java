package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;

/**
 * What a publish did to the feed: appended {@code appended} under {@code seq}, or, when the idempotency key had been
 * seen, nothing ({@code appended} is null and {@code seq} is the earlier event's).
 */
record FeedAppend(long seq, AgentEventPublished appended) {

    static FeedAppend of(AgentEventPublished appended) {
        return new FeedAppend(appended.seq(), appended);
    }

    static FeedAppend replayed(long seq) {
        return new FeedAppend(seq, null);
    }
}
