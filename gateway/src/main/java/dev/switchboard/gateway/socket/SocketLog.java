package dev.switchboard.gateway.socket;

import java.time.Instant;

/**
 * What the log holds of one socket. Its upgrade is not written when it happens but with the socket's first
 * {@code auth}, in the handshake's one commit, or else with its close: a socket that never authenticates costs one
 * commit. The handshake and the close write under {@link #lock()}, one after the other, so the close knows whether
 * the upgrade is in the log, and nothing is written for the socket after its close.
 *
 * <p>The session's own lock may be held when this one is taken (a server close from inside a send), never the other
 * way round: no one waits for the session while holding this lock.
 */
final class SocketLog {

    private final Object lock = new Object();
    private final Instant upgradedAt;
    private final String remoteAddress;
    private boolean opened;
    private boolean ended;

    SocketLog(Instant upgradedAt, String remoteAddress) {
        this.upgradedAt = upgradedAt;
        this.remoteAddress = remoteAddress;
    }

    Object lock() {
        return lock;
    }

    /** When the socket was upgraded, by the node's clock: the time of its ConnectionOpened. */
    Instant upgradedAt() {
        return upgradedAt;
    }

    /** The client's address as the node saw it; null when unknown. */
    String remoteAddress() {
        return remoteAddress;
    }

    /** Whether the log holds the connection's opening; under {@link #lock()}. */
    boolean opened() {
        return opened;
    }

    void opened(boolean opened) {
        this.opened = opened;
    }

    /** Whether the close was written or given up on: nothing more is written for this socket; under the lock. */
    boolean ended() {
        return ended;
    }

    void end() {
        this.ended = true;
    }
}
