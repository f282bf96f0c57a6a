package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.protocol.CloseCode;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * The sockets this node holds, by preliminary id. It answers "where is the socket?", never "may I route to it?": that
 * is the registry's READY state. Server-side closes go through here so that the reason reaches the log before the
 * client sees the close.
 */
@Component
class LocalSockets implements ConnectionCloser {

    private static final Logger log = LoggerFactory.getLogger(LocalSockets.class);

    private final Map<String, SocketSession> sockets = new ConcurrentHashMap<>();
    private final ConnectionCommands commands;
    private final NodeIdentity node;
    private final LifecycleRecorder recorder;
    private final SocketListener listener;
    private final SocketsElsewhere elsewhere;
    private final SocketExecutors executors;

    LocalSockets(
            ConnectionCommands commands,
            NodeIdentity node,
            LifecycleRecorder recorder,
            SocketListener listener,
            SocketsElsewhere elsewhere,
            SocketExecutors executors) {
        this.commands = commands;
        this.node = node;
        this.recorder = recorder;
        this.listener = listener;
        this.elsewhere = elsewhere;
        this.executors = executors;
    }

    void add(SocketSession session) {
        sockets.put(session.preliminaryId(), session);
    }

    /**
     * The container closed the socket: marks it CLOSING and then tells the listener. Not before: a handshake that
     * holds the lock meanwhile may still make it READY, and the listener must hear of that first. The socket stays
     * listed until its close is recorded ({@link #forget}).
     *
     * @return whether the server had closed it, so that its reason is in the log already
     */
    boolean closed(SocketSession session) {
        boolean closedByServer;
        synchronized (session.lock()) {
            closedByServer = session.phase() == SocketSession.Phase.CLOSING;
            session.phase(SocketSession.Phase.CLOSING);
        }
        listener.closed(session.preliminaryId());
        return closedByServer;
    }

    /**
     * The socket's close is recorded, or kept to be recorded ({@link UnrecordedCloses}): only now is it no longer
     * listed, so that a socket this node does not list has its close in the log or on its way there.
     */
    void forget(SocketSession session) {
        sockets.remove(session.preliminaryId(), session);
    }

    Collection<SocketSession> all() {
        return sockets.values();
    }

    /** The socket of this connection (by preliminary id), if this node holds it. */
    SocketSession find(String connectionId) {
        return sockets.get(connectionId);
    }

    @Override
    public void close(String connectionId, CloseReason reason, String detail) throws ConnectionRejectedException {
        SocketSession session = sockets.get(connectionId);
        if (session == null) {
            commands.send(new CloseConnection(connectionId, reason, detail, node.id()));
            elsewhere.closeRecorded(connectionId, reason);
            return;
        }
        closeByServer(session, codeFor(reason), reason, detail);
    }

    /** Queues a frame; a client that cannot keep up is closed as a slow consumer rather than left to eat memory. */
    void send(SocketSession session, String frame) {
        send(session, () -> session.send(frame));
    }

    /**
     * Runs {@code sends} to the socket; when the client does not keep up ({@link Outbox}'s limits), the socket is closed
     * as a slow consumer (4009) rather than left to eat memory. The one place that decides so.
     */
    void send(SocketSession session, Runnable sends) {
        try {
            sends.run();
        } catch (SessionLimitExceededException e) {
            closeByServer(session, CloseCode.SLOW_CONSUMER, e.getMessage());
        }
    }

    /**
     * Records the close with its reason, then closes the socket with the matching code. A second close of the same
     * socket is ignored, so a timeout and a protocol error racing each other close it once.
     */
    CompletableFuture<Void> closeByServer(SocketSession session, CloseCode code, String detail) {
        return closeByServer(session, code, code.reason(), detail);
    }

    /** As above, with a reason more precise than the close code's own (several reasons share 4001). */
    CompletableFuture<Void> closeByServer(SocketSession session, CloseCode code, CloseReason reason, String detail) {
        return close(session, code, code.status(), reason, detail);
    }

    /** As above, and the client reads {@code detail} in the close frame too, not only the code's description. */
    CompletableFuture<Void> closeByServerTelling(SocketSession session, CloseCode code, String detail) {
        return close(session, code, code.status(detail), code.reason(), detail);
    }

    /**
     * The close frame follows what the socket has queued ({@link Outbox#closeAfterQueued}), so that it does not lose
     * its code to a data frame's write; a slow consumer's queue is what does not move, so it is closed at once.
     *
     * @return completed once the socket's close has run; at once when it was closing already
     */
    private CompletableFuture<Void> close(
            SocketSession session, CloseCode code, CloseStatus status, CloseReason reason, String detail) {
        synchronized (session.lock()) {
            if (session.phase() == SocketSession.Phase.CLOSING) {
                return CompletableFuture.completedFuture(null);
            }
            session.phase(SocketSession.Phase.CLOSING);
            session.held().clear();
        }
        recorder.close(session, reason, detail);
        Runnable closeSocket = () -> closeSocket(session, status);
        return code == CloseCode.SLOW_CONSUMER
                ? session.outbox().closeNow(closeSocket)
                : session.outbox().closeAfterQueued(closeSocket, executors.scheduler());
    }

    private static void closeSocket(SocketSession session, CloseStatus status) {
        try {
            session.socket().close(status);
        } catch (IOException e) {
            log.debug("socket of connection {} was already gone: {}", session.preliminaryId(), e.getMessage());
        }
    }

    static CloseCode codeFor(CloseReason reason) {
        return switch (reason) {
            case ADMIN_CLOSED -> CloseCode.ADMIN_CLOSED;
            case SERVER_SHUTDOWN -> CloseCode.GOING_AWAY;
            case AUTH_FAILED, TOKEN_EXPIRED -> CloseCode.AUTH_FAILED;
            case AUTH_TIMEOUT -> CloseCode.AUTH_TIMEOUT;
            case FORBIDDEN -> CloseCode.FORBIDDEN;
            case HEARTBEAT_TIMEOUT -> CloseCode.HEARTBEAT_TIMEOUT;
            case SLOW_CONSUMER -> CloseCode.SLOW_CONSUMER;
            case PROTOCOL_ERROR -> CloseCode.UNSUPPORTED_DATA;
            // a limit closes with the 4029 that names it (LimitCloses); a close by reason alone names none
            case RATE_LIMITED, CLIENT_CLOSED, SERVER_CLOSED, NODE_LOST -> CloseCode.TRY_AGAIN_LATER;
        };
    }
}
