package dev.switchboard.api.message;

/**
 * The stream id of a user's messages to the agent backend. The prefix keeps it apart from connection streams and
 * from the user's feed ({@code feed:}), whose sequence numbers are the feed's seqs and must have no other events.
 */
public final class MessageIds {

    private static final String PREFIX = "messages:";

    private MessageIds() {}

    public static String of(String userId) {
        return PREFIX + userId;
    }
}
