package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.gateway.limits.LimitExceededException;
import dev.switchboard.gateway.limits.SocketAdmission;
import dev.switchboard.gateway.limits.SocketAllowance;
import dev.switchboard.gateway.protocol.BadFrameException;
import dev.switchboard.gateway.protocol.ClientFrame;
import dev.switchboard.gateway.protocol.CloseCode;
import dev.switchboard.gateway.protocol.FrameCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code GET /ws}: drives the Connection aggregate from the socket's life. Upgrade → {@code welcome} at once, with the
 * upgrade's time and address kept for the log; {@code auth} → the {@link Handshake}, which writes the upgrade with
 * the handshake in one commit; close → CloseConnection with the reason, behind the upgrade when the socket never
 * authenticated ({@link LifecycleRecorder}). Every frame gets an answer or a close. An upgrade the
 * {@link SocketAdmission} refuses is closed with 4029 before anything is written, so a flood of them costs the log
 * nothing.
 */
@Component
class ConnectionSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSocketHandler.class);
    private static final String SESSION = SocketSession.class.getName();

    private final LocalSockets sockets;
    private final FrameCodec codec;
    private final FrameDispatcher dispatcher;
    private final GatewayProperties properties;
    private final SocketAdmission admission;
    private final LifecycleRecorder recorder;
    private final WholeTextFrames frames;
    private final Clock clock;

    ConnectionSocketHandler(
            LocalSockets sockets,
            FrameCodec codec,
            FrameDispatcher dispatcher,
            GatewayProperties properties,
            SocketAdmission admission,
            LifecycleRecorder recorder,
            WholeTextFrames frames,
            Clock clock) {
        this.sockets = sockets;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.admission = admission;
        this.recorder = recorder;
        this.frames = frames;
        this.clock = clock;
    }

    /** Tomcat's own limit on one blocking write; without it a stalled client holds a sending thread for 20 s. */
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) throws Exception {
        Instant upgradedAt = clock.instant();
        String address = remoteAddress(raw);
        SocketAllowance allowance;
        try {
            allowance = admission.admit(address);
        } catch (LimitExceededException e) {
            raw.close(LimitCloses.codeFor(e.limit()).status());
            return;
        }
        var endpoint = ((NativeWebSocketSession) raw).getNativeSession(jakarta.websocket.Session.class);
        endpoint.getUserProperties()
                .put(BLOCKING_SEND_TIMEOUT, properties.sendTimeLimit().toMillis());
        var session = new SocketSession(
                "pre_" + UUID.randomUUID(),
                raw,
                endpoint,
                frames,
                allowance,
                upgradedAt,
                properties.sendBufferLimit().toBytes(),
                properties.sendTimeLimit().toNanos(),
                this::writeFailed);
        raw.getAttributes().put(SESSION, session);
        sockets.add(session);
        sockets.send(
                session,
                codec.welcome(
                        session.preliminaryId(), properties.heartbeatInterval().toSeconds()));
        dispatcher.scheduleAuthTimeout(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        SocketSession session = session(raw);
        if (session == null) {
            return;
        }
        session.heard();
        PartialText.Part part = session.text()
                .accept(
                        message.getPayload(),
                        message.isLast(),
                        properties.maxFrameSize().toBytes());
        if (part instanceof PartialText.TooLarge) {
            sockets.closeByServer(
                    session, CloseCode.TOO_BIG, "a text frame was larger than " + properties.maxFrameSize());
            return;
        }
        if (!(part instanceof PartialText.Whole whole)) {
            return;
        }
        ClientFrame frame;
        try {
            frame = codec.parse(whole.text());
        } catch (BadFrameException e) {
            dispatcher.refuse(session, e);
            return;
        }
        dispatcher.dispatch(session, frame);
    }

    /** Long text frames arrive in parts, so the container's per-socket text buffer can stay small. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
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
        session.allowance().releaseUnauthenticatedSlot();
        try {
            if (!sockets.closed(session)) { // else the server closed it, and its reason is in the log already
                recorder.close(session, reasonFor(status), "socket closed with " + status.getCode());
            }
        } finally {
            sockets.forget(session);
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
                ? CloseReason.PROTOCOL_ERROR
                : CloseReason.CLIENT_CLOSED;
    }

    private static String remoteAddress(WebSocketSession raw) {
        var address = raw.getRemoteAddress();
        return address == null || address.getAddress() == null
                ? null
                : address.getAddress().getHostAddress();
    }

    private static SocketSession session(WebSocketSession raw) {
        return (SocketSession) raw.getAttributes().get(SESSION);
    }
}
