package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.protocol.BadFrameException;
import dev.switchboard.gateway.protocol.ClientFrame;
import dev.switchboard.gateway.protocol.CloseCode;
import dev.switchboard.gateway.protocol.FrameCodec;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code GET /ws}: drives the Connection aggregate from the socket's life. Upgrade → OpenConnection → {@code welcome};
 * {@code auth} → the {@link Handshake}; close → CloseConnection with the reason. Every frame gets an answer or a close.
 */
@Component
class ConnectionSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSocketHandler.class);
    private static final String SESSION = SocketSession.class.getName();

    private final ConnectionCommands commands;
    private final NodeIdentity node;
    private final LocalSockets sockets;
    private final FrameCodec codec;
    private final FrameDispatcher dispatcher;
    private final GatewayProperties properties;

    ConnectionSocketHandler(ConnectionCommands commands, NodeIdentity node, LocalSockets sockets, FrameCodec codec,
            FrameDispatcher dispatcher, GatewayProperties properties) {
        this.commands = commands;
        this.node = node;
        this.sockets = sockets;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    /** Tomcat's own limit on one blocking write; without it a stalled client holds a sending thread for 20 s. */
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) throws Exception {
        var endpoint = ((NativeWebSocketSession) raw).getNativeSession(jakarta.websocket.Session.class);
        endpoint.getUserProperties().put(BLOCKING_SEND_TIMEOUT, properties.sendTimeLimit().toMillis());
        var session = new SocketSession("pre_" + UUID.randomUUID(), raw, endpoint,
                properties.sendBufferLimit().toBytes(), properties.sendTimeLimit().toNanos(), this::writeFailed);
        try {
            commands.send(new OpenConnection(session.preliminaryId(), node.id(), remoteAddress(raw)));
        } catch (ConnectionRejectedException | RuntimeException e) {
            log.warn("could not open connection {}: {}", session.preliminaryId(), e.getMessage());
            raw.close(CloseCode.TRY_AGAIN_LATER.status());
            return;
        }
        raw.getAttributes().put(SESSION, session);
        sockets.add(session);
        dispatcher.send(session, codec.welcome(session.preliminaryId(), properties.heartbeatInterval().toSeconds()));
        dispatcher.scheduleAuthTimeout(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        SocketSession session = session(raw);
        if (session == null) {
            return;
        }
        session.heard();
        ClientFrame frame;
        try {
            frame = codec.parse(message.getPayload());
        } catch (BadFrameException e) {
            dispatcher.send(session, codec.error(e.code(), e.getMessage(), e.frameId()));
            return;
        }
        dispatcher.dispatch(session, frame);
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession raw, BinaryMessage message) {
        SocketSession session = session(raw);
        if (session != null) {
            sockets.closeByServer(session, CloseCode.UNSUPPORTED_DATA, "the client sent a binary frame");
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession raw, PongMessage message) {
        SocketSession session = session(raw);
        if (session != null) {
            session.heard();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession raw, Throwable error) {
        log.debug("transport error on {}: {}", raw.getId(), error.getMessage());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
        SocketSession session = session(raw);
        if (session == null) {
            return;
        }
        sockets.remove(session);
        boolean closedByServer;
        synchronized (session.lock()) {
            closedByServer = session.phase() == SocketSession.Phase.CLOSING;
            session.phase(SocketSession.Phase.CLOSING);
        }
        if (closedByServer) {
            return; // the reason is already in the log
        }
        try {
            commands.send(new CloseConnection(session.preliminaryId(), reasonFor(status),
                    "socket closed with " + status.getCode(), node.id()));
        } catch (ConnectionRejectedException | RuntimeException e) {
            log.warn("close of connection {} could not be recorded: {}", session.preliminaryId(), e.getMessage());
        }
    }

    /**
     * A write that timed out means the client stopped reading: it is closed as a slow consumer, off the container's
     * thread. Any other failure means the client is gone, and the close callback records that.
     */
    private void writeFailed(SocketSession session, Throwable error) {
        log.debug("write to connection {} failed: {}", session.preliminaryId(), error.getMessage());
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException) {
                dispatcher.closeLater(session, CloseCode.SLOW_CONSUMER, "a write to the client timed out");
                return;
            }
        }
    }

    private static CloseReason reasonFor(CloseStatus status) {
        int code = status.getCode();
        return code == CloseStatus.TOO_BIG_TO_PROCESS.getCode() || code == CloseStatus.NOT_ACCEPTABLE.getCode()
                ? CloseReason.PROTOCOL_ERROR : CloseReason.CLIENT_CLOSED;
    }

    private static String remoteAddress(WebSocketSession raw) {
        var address = raw.getRemoteAddress();
        return address == null ? null : address.getAddress().getHostAddress();
    }

    private static SocketSession session(WebSocketSession raw) {
        return (SocketSession) raw.getAttributes().get(SESSION);
    }
}
