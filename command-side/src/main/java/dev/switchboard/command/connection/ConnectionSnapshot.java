package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionState;

/**
 * What the Connection aggregate holds after some events: for replays and audits, which must see the state the real
 * aggregate would have, not a re-implementation of it.
 *
 * @param state null before the first event, and for a final id's claim stream
 * @param claimedBy set when the stream is a final id's claim: the connection that holds it
 */
public record ConnectionSnapshot(
        String streamId, ConnectionState state, String userId, String finalId, String claimedBy) {

    public static final ConnectionSnapshot NONE = new ConnectionSnapshot(null, null, null, null, null);
}
