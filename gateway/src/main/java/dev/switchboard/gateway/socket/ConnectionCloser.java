package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.command.connection.ConnectionRejectedException;

/** Closes a connection on behalf of the server: the close goes into the log first, then the socket is closed. */
public interface ConnectionCloser {

    /**
     * @param connectionId the connection's preliminary (stream) id
     * @throws ConnectionRejectedException when no connection has that id
     */
    void close(String connectionId, CloseReason reason, String detail) throws ConnectionRejectedException;
}
