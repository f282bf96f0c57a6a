package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.protocol.CloseCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.PingMessage;

/**
 * Once a second: closes sockets silent for longer than the heartbeat timeout (the reason goes into the log), and
 * sends a WebSocket ping to those not pinged for a heartbeat interval. Any frame or pong from the client counts.
 */
@Component
class Heartbeats implements InitializingBean {

    private final LocalSockets sockets;
    private final SocketExecutors executors;
    private final long intervalNanos;
    private final long timeoutNanos;

    Heartbeats(LocalSockets sockets, SocketExecutors executors, GatewayProperties properties) {
        this.sockets = sockets;
        this.executors = executors;
        this.intervalNanos = properties.heartbeatInterval().toNanos();
        this.timeoutNanos = properties.heartbeatTimeout().toNanos();
    }

    @Override
    public void afterPropertiesSet() {
        executors.scheduler().scheduleWithFixedDelay(this::beat, 1, 1, TimeUnit.SECONDS);
    }

    void beat() {
        for (SocketSession session : sockets.all()) {
            if (session.silentNanos() > timeoutNanos) {
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
