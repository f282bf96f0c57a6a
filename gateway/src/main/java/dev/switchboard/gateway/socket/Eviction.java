package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.gateway.protocol.CloseCode;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Closes every socket of this node with 1013 (try again later) when the cluster has given the node up for dead:
 * another node has closed its connections as NODE_LOST, so nothing routes to them any more, and their clients are
 * better off reconnecting than waiting on a socket that receives no events.
 */
@Component
public class Eviction {

    private final LocalSockets sockets;

    Eviction(LocalSockets sockets) {
        this.sockets = sockets;
    }

    /** @return how many sockets were closed */
    public int evictAll(String detail) {
        List<SocketSession> open = List.copyOf(sockets.all());
        open.forEach(
                session -> sockets.closeByServer(session, CloseCode.TRY_AGAIN_LATER, CloseReason.NODE_LOST, detail));
        return open.size();
    }
}
