package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.limits.SocketAllowance;
import dev.switchboard.gateway.protocol.ClientFrame;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * One client socket on this node and what the gateway must remember about it between frames. It is a transport
 * handle, not a registry: whether a message may be routed to it is decided by the registry's READY state.
 *
 * <p>Everything that changes the phase, and every send of the {@link SocketListener} and {@link MessageListener}, happens
 * under {@link #lock()}, so that a frame, a handshake and a delivery never interleave.
 */
final class SocketSession {

    enum Phase {
        AWAITING_AUTH,
        AUTHENTICATING,
        READY,
        CLOSING
    }

    private final String preliminaryId;
    private final WebSocketSession socket;
    private final Outbox outbox;
    private final SocketAllowance allowance;
    private final SocketLog log;
    private final Object lock = new Object();
    /** Sized for none: almost every socket holds nothing, and it grows on the first message held. */
    private final Deque<ClientFrame.Message> held = new ArrayDeque<>(0);

    private Phase phase = Phase.AWAITING_AUTH;
    /**
     * The auth timeout's task while the socket may still authenticate, cancelled as it leaves those phases. The task
     * holds this socket and through it the container's session and buffers: left to run out its 10 s, it kept every
     * socket of the last 10 s alive however long ago it closed (5,000 at 500 handshakes/s, copied by each young GC).
     * Written under {@link #lock()}; volatile so that a look from outside needs no lock.
     */
    private volatile ScheduledFuture<?> authDeadline;
    /** Volatile so that a listener may pick a user's sockets without taking every socket's lock. */
    private volatile String userId;

    private String finalId;
    private volatile Instant tokenExpiresAt;
    private final PartialText text = new PartialText();
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();
    private final long upgradedAtNanos = System.nanoTime();

    /**
     * @param endpoint the container's session, for asynchronous writes
     * @param frames how a text frame is written to it, whole
     * @param allowance what the client may still send, and its slot among its address's unauthenticated sockets
     * @param upgradedAt when the socket was upgraded, by the node's clock
     * @param onWriteFailure told when a write fails or times out; runs on a container thread
     */
    SocketSession(
            String preliminaryId,
            WebSocketSession socket,
            jakarta.websocket.Session endpoint,
            WholeTextFrames frames,
            SocketAllowance allowance,
            Instant upgradedAt,
            long sendBufferLimit,
            long sendTimeLimitNanos,
            BiConsumer<SocketSession, Throwable> onWriteFailure) {
        this.preliminaryId = preliminaryId;
        this.socket = socket;
        this.allowance = allowance;
        this.log = new SocketLog(upgradedAt, allowance.address());
        this.outbox = new Outbox(
                endpoint, frames, sendBufferLimit, sendTimeLimitNanos, error -> onWriteFailure.accept(this, error));
    }

    Object lock() {
        return lock;
    }

    String preliminaryId() {
        return preliminaryId;
    }

    WebSocketSession socket() {
        return socket;
    }

    SocketAllowance allowance() {
        return allowance;
    }

    /** What the log holds of this socket; see {@link SocketLog} for its lock. */
    SocketLog log() {
        return log;
    }

    Phase phase() {
        return phase;
    }

    /** Leaving the auth phases (READY, or CLOSING from any phase) cancels the auth deadline. */
    void phase(Phase phase) {
        this.phase = phase;
        if (phase == Phase.READY || phase == Phase.CLOSING) {
            cancelAuthDeadline();
        }
    }

    /** Under {@link #lock()}: the auth timeout's task; cancelled at once when the socket is past its auth already. */
    void authDeadline(ScheduledFuture<?> deadline) {
        authDeadline = deadline;
        if (phase == Phase.READY || phase == Phase.CLOSING) {
            cancelAuthDeadline();
        }
    }

    ScheduledFuture<?> authDeadline() {
        return authDeadline;
    }

    private void cancelAuthDeadline() {
        if (authDeadline != null) {
            authDeadline.cancel(false);
        }
    }

    String userId() {
        return userId;
    }

    String finalId() {
        return finalId;
    }

    Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    void bind(String userId, String finalId, Instant tokenExpiresAt) {
        this.userId = userId;
        this.finalId = finalId;
        this.tokenExpiresAt = tokenExpiresAt;
    }

    void refreshToken(Instant expiresAt) {
        this.tokenExpiresAt = expiresAt;
    }

    /** Joins text frames that arrive in parts; only the socket's reading thread uses it. */
    PartialText text() {
        return text;
    }

    Deque<ClientFrame.Message> held() {
        return held;
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** When the socket was upgraded, on {@link System#nanoTime()}'s scale: where the handshake's time starts. */
    long upgradedAtNanos() {
        return upgradedAtNanos;
    }

    long silentNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    long sincePingNanos() {
        return System.nanoTime() - lastPingNanos;
    }

    void pinged() {
        lastPingNanos = System.nanoTime();
    }

    /**
     * Queues a frame behind those already queued; never blocks.
     *
     * @throws SessionLimitExceededException when the client does not keep up
     */
    void send(String frame) {
        outbox.send(frame);
    }

    Outbox outbox() {
        return outbox;
    }
}
