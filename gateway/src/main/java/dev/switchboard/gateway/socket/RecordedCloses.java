package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseReason;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Closes the log holds for sockets this node still has open: recorded by another node (an operator's kick there), and
 * heard of through its announcement or found by checking this node's sockets against the registry. The socket is
 * closed with the close code of the recorded reason (4010 for a kick) and nothing is written: the log has the close,
 * and once it has one no feed event is sent to the connection.
 */
@Component
public class RecordedCloses {

    private final LocalSockets sockets;

    RecordedCloses(LocalSockets sockets) {
        this.sockets = sockets;
    }

    /**
     * Closes the socket of a connection whose close is in the log, if this node holds it.
     *
     * @param connectionId the connection's preliminary (stream) id
     * @return whether this node held it and closed it now
     */
    public boolean close(String connectionId, CloseReason reason) {
        SocketSession session = sockets.find(connectionId);
        if (session == null) {
            return false;
        }
        SocketLog socketLog = session.log();
        synchronized (socketLog.lock()) {
            if (socketLog.ended()) {
                return false; // this node closed it itself, or is closing it
            }
            socketLog.end();
        }
        sockets.closeByServer(session, LocalSockets.codeFor(reason), reason, "its close is in the log already");
        return true;
    }

    /** The connections (preliminary ids) whose sockets this node holds, in any phase. */
    public Set<String> held() {
        return sockets.all().stream().map(SocketSession::preliminaryId).collect(Collectors.toSet());
    }
}
