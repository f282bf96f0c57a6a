package dev.switchboard.gateway.socket;

/**
 * A READY socket as the rest of the node sees it: whose it is, and a way to send it frames. The engine's session, its
 * phases and its lock stay inside this package; a client that cannot keep up is closed as a slow consumer (4009)
 * whoever sends to it.
 */
public final class ReadySocket {

    private final SocketSession session;
    private final LocalSockets sockets;

    ReadySocket(SocketSession session, LocalSockets sockets) {
        this.session = session;
        this.sockets = sockets;
    }

    /** The connection's preliminary (stream) id, by which the registry and the log know it. */
    public String connectionId() {
        return session.preliminaryId();
    }

    /** The id the client knows the connection by from {@code ready} on. */
    public String finalId() {
        return session.finalId();
    }

    public String userId() {
        return session.userId();
    }

    /**
     * Queues a frame, inside a call the engine makes ({@link SocketListener}, {@link MessageListener}): the engine
     * holds the socket's lock there, and closes the socket when the client does not keep up.
     */
    public void send(String frame) {
        session.send(frame);
    }

    /** Bytes queued for the client and not yet written; the socket is closed as a slow consumer beyond its limit. */
    public long queuedBytes() {
        return session.outbox().queuedBytes();
    }

    /**
     * Runs {@code then} once, as soon as no more than {@code bytes} wait for the client (at once when that is already
     * so): a sender with much to send queues some, and the rest when the client has read it. {@code then} runs on
     * whatever thread completes a write, so it must only hand work off; a later call replaces one not yet run, and
     * a socket that closes first never runs it.
     */
    public void whenQueuedAtMost(long bytes, Runnable then) {
        session.outbox().whenQueuedAtMost(bytes, then);
    }

    /**
     * For a thread of the caller's own: runs {@code sends} under the socket's lock if it is still READY, so that no
     * frame, handshake or other sender cuts in, and closes the socket when the client does not keep up.
     */
    public void whileReady(Runnable sends) {
        sockets.send(session, () -> {
            synchronized (session.lock()) {
                if (session.phase() == SocketSession.Phase.READY) {
                    sends.run();
                }
            }
        });
    }
}
