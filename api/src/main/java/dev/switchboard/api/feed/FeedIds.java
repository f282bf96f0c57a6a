package dev.switchboard.api.feed;

/**
 * The stream id of a user's agent event feed. The prefix keeps feeds apart from connection streams, whose ids never
 * start with {@code feed:}, in the one event table they share.
 */
public final class FeedIds {

    private static final String PREFIX = "feed:";

    private FeedIds() {}

    public static String of(String userId) {
        return PREFIX + userId;
    }
}
