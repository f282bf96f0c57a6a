package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.gateway.auth.JwtProperties;
import dev.switchboard.gateway.protocol.CloseCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.PingMessage;

/**
 * Once a second: closes sockets whose token expired (its {@code exp} plus the clock skew the token check allows)
 * without a fresh {@code auth} (4001, TOKEN_EXPIRED), closes sockets silent for longer than the heartbeat timeout (the
 * reason goes into the log), and sends a WebSocket ping to those not pinged for a heartbeat interval. Any frame or pong from the client counts.
 */
@Component
class Heartbeats implements InitializingBean {

    private final LocalSockets sockets;
    private final Clock clock;
    private final SocketExecutors executors;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final Duration clockSkew;

    Heartbeats(
            LocalSockets sockets,
            SocketExecutors executors,
            GatewayProperties properties,
            JwtProperties tokens,
            Clock clock) {
        this.sockets = sockets;
        this.clockSkew = tokens.clockSkew();
        this.clock = clock;
        this.executors = executors;
        this.intervalNanos = properties.heartbeatInterval().toNanos();
        this.timeoutNanos = properties.heartbeatTimeout().toNanos();
    }

    @Override
    public void afterPropertiesSet() {
        executors.scheduler().scheduleWithFixedDelay(this::beat, 1, 1, TimeUnit.SECONDS);
    }

    void beat() {
        Instant now = clock.instant();
        for (SocketSession session : sockets.all()) {
            Instant expiry = session.tokenExpiresAt();
            // the decoder accepts a token until exp plus the skew; a socket keeps it as long, so that an auth the
            // decoder just accepted is not closed as expired at the next beat
            if (expiry != null && !now.isBefore(expiry.plus(clockSkew))) {
                sockets.closeByServer(
                        session,
                        CloseCode.AUTH_FAILED,
                        CloseReason.TOKEN_EXPIRED,
                        "the token expired and no fresh auth arrived");
            } else if (session.silentNanos() > timeoutNanos) {
                sockets.closeByServer(session, CloseCode.HEARTBEAT_TIMEOUT, "silent for longer than the timeout");
            } else if (session.sincePingNanos() >= intervalNanos) {
                ping(session);
            }
        }
    }

    private static void ping(SocketSession session) {
        session.pinged();
        try {
            session.socket().sendMessage(new PingMessage(ByteBuffer.allocate(0)));
        } catch (IOException | RuntimeException e) {
            // a failing ping is a dead socket: the close callback or the timeout will record it
        }
    }
}
