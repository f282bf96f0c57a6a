package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.limits.LimitsProperties;
import dev.switchboard.gateway.protocol.BadFrameException;
import dev.switchboard.gateway.protocol.ClientFrame;
import dev.switchboard.gateway.protocol.CloseCode;
import dev.switchboard.gateway.protocol.ErrorCode;
import dev.switchboard.gateway.protocol.FrameCodec;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Answers each client frame according to the socket's phase. Handshakes run on the {@link SocketExecutors} so a slow
 * database never blocks the thread that reads frames; messages that arrive meanwhile are held, in order. Every frame,
 * malformed ones included, first takes a token from the socket's bucket: one beyond the rate is answered
 * {@code rate_limited} and not processed, and the socket stays open.
 */
@Component
class FrameDispatcher {

    private final Handshake handshake;
    private final Messages messages;
    private final LocalSockets sockets;
    private final FrameCodec codec;
    private final SocketExecutors executors;
    private final GatewayProperties properties;
    private final LimitsProperties limits;

    FrameDispatcher(
            Handshake handshake,
            Messages messages,
            LocalSockets sockets,
            FrameCodec codec,
            SocketExecutors executors,
            GatewayProperties properties,
            LimitsProperties limits) {
        this.handshake = handshake;
        this.messages = messages;
        this.sockets = sockets;
        this.codec = codec;
        this.executors = executors;
        this.properties = properties;
        this.limits = limits;
    }

    void dispatch(SocketSession session, ClientFrame frame) {
        if (!withinRate(session, frame instanceof ClientFrame.Message message ? message.id() : null)) {
            return;
        }
        if (frame instanceof ClientFrame.Auth auth) {
            auth(session, auth);
        } else if (frame instanceof ClientFrame.Message message) {
            message(session, message);
        } else {
            sockets.send(session, codec.pong());
        }
    }

    /** A frame that could not be parsed: {@code bad_request}, unless the client is over its rate. */
    void refuse(SocketSession session, BadFrameException e) {
        if (withinRate(session, e.frameId())) {
            sockets.send(session, codec.error(e.code(), e.getMessage(), e.frameId()));
        }
    }

    private boolean withinRate(SocketSession session, String frameId) {
        if (session.allowance().tryFrame()) {
            return true;
        }
        sockets.send(
                session,
                codec.error(
                        ErrorCode.RATE_LIMITED,
                        "more than " + limits.framesPerSecond() + " frames a second (bursts of " + limits.frameBurst()
                                + "); this frame was not processed",
                        frameId));
        return false;
    }

    private void auth(SocketSession session, ClientFrame.Auth auth) {
        synchronized (session.lock()) {
            switch (session.phase()) {
                case AWAITING_AUTH -> {
                    session.phase(SocketSession.Phase.AUTHENTICATING);
                    submit(session, () -> handshake.authenticate(session, auth));
                }
                case AUTHENTICATING ->
                    sockets.send(
                            session, codec.error(ErrorCode.BAD_REQUEST, "authentication is already in progress", null));
                case READY -> submit(session, () -> handshake.reauthenticate(session, auth));
                case CLOSING -> {} // the close frame is on its way
            }
        }
    }

    private void message(SocketSession session, ClientFrame.Message message) {
        synchronized (session.lock()) {
            switch (session.phase()) {
                case AWAITING_AUTH ->
                    sockets.send(
                            session,
                            codec.error(
                                    ErrorCode.NOT_AUTHENTICATED,
                                    "send auth before messages; this message was not processed",
                                    message.id()));
                case AUTHENTICATING -> hold(session, message);
                case READY -> sockets.send(session, () -> messages.process(new ReadySocket(session, sockets), message));
                case CLOSING -> {} // the close frame is on its way
            }
        }
    }

    private void hold(SocketSession session, ClientFrame.Message message) {
        if (session.held().size() >= properties.maxPendingMessages()) {
            sockets.send(
                    session,
                    codec.error(
                            ErrorCode.RATE_LIMITED,
                            "more than " + properties.maxPendingMessages()
                                    + " messages before ready; this message was not processed",
                            message.id()));
            return;
        }
        session.held().add(message);
    }

    /** Closes the socket with 4002 unless it is READY or closing by then; READY and closing cancel the task. */
    void scheduleAuthTimeout(SocketSession session) {
        ScheduledFuture<?> deadline = executors
                .scheduler()
                .schedule(
                        () -> {
                            SocketSession.Phase phase;
                            synchronized (session.lock()) {
                                phase = session.phase();
                            }
                            if (phase == SocketSession.Phase.AWAITING_AUTH
                                    || phase == SocketSession.Phase.AUTHENTICATING) {
                                sockets.closeByServer(
                                        session, CloseCode.AUTH_TIMEOUT, "no auth within " + properties.authTimeout());
                            }
                        },
                        properties.authTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
        synchronized (session.lock()) {
            session.authDeadline(deadline);
        }
    }

    /** Closes by the server on the socket timer, for callers on threads that must not wait on the database. */
    void closeLater(SocketSession session, CloseCode code, String detail) {
        executors.scheduler().execute(() -> sockets.closeByServer(session, code, detail));
    }

    private void submit(SocketSession session, Runnable task) {
        try {
            executors.handshakes().execute(task);
        } catch (RejectedExecutionException e) {
            executors
                    .scheduler()
                    .execute(() -> sockets.closeByServer(
                            session, CloseCode.TRY_AGAIN_LATER, "too many handshakes in progress"));
        }
    }
}
