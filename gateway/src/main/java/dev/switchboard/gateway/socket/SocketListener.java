package dev.switchboard.gateway.socket;

/**
 * What the rest of the node hears of a socket's life after its handshake; the feed listens. For each socket the
 * engine calls {@code ready} once, {@code readyAgain} for each refreshed token, and {@code closed} once at the end.
 */
public interface SocketListener {

    /**
     * The socket turned READY. Called under its lock, before the messages held during the handshake are answered:
     * the listener sends the {@code ready} frame, which carries the user's feed head, and what must follow it before
     * anything else may (the events the client missed).
     *
     * @param lastSeq the last feed seq the client says it has, from its {@code auth}; null for a fresh client
     */
    void ready(ReadySocket socket, Long lastSeq);

    /** The socket's token was refreshed by a second {@code auth}; under its lock, the client expects {@code ready}. */
    void readyAgain(ReadySocket socket);

    /** The socket is gone, closed by either side; it will not become READY again and takes no more frames. */
    void closed(String connectionId);
}
