package dev.switchboard.gateway.cluster;

import java.time.Instant;

/**
 * A node's lease row.
 *
 * @param expiresAt when the node is presumed dead unless it renews first
 * @param reapedBy the node that claimed it for reaping; null unless REAPING or REAPED
 */
public record NodeLease(
        String nodeId,
        State state,
        Instant startedAt,
        Instant renewedAt,
        Instant expiresAt,
        String reapedBy,
        Instant reapedAt) {

    public enum State {
        /** The node renews its lease. */
        ALIVE,
        /** The lease expired and {@code reapedBy} is closing the node's connections. */
        REAPING,
        /** Every connection the dead node left was closed as NODE_LOST. */
        REAPED,
        /** The node drained its sockets and stopped cleanly: nothing to reap. */
        STOPPED
    }
}
