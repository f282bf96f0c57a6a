package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseReason;

/**
 * The sockets of the cluster that other nodes hold. A close this node records for one of them (an operator's kick
 * here for a socket there) is told to them, so that the node holding the socket closes it; that node hears of it
 * through its {@link RecordedCloses}.
 */
public interface SocketsElsewhere {

    /**
     * Called after the close's commit. Never throws: the close is recorded whatever becomes of the telling, and the
     * holding node also finds it by checking its sockets against the registry.
     *
     * @param connectionId the connection's preliminary (stream) id
     */
    void closeRecorded(String connectionId, CloseReason reason);
}
