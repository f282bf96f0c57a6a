package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close the connection. Closing a closed connection is accepted and changes nothing.
 *
 * @param detail a human sentence for the log; may be null
 * @param nodeId the node that issues the close (not always the node that holds the socket: see NODE_LOST)
 * @param closedAt when the socket closed. A node that could not record a close at once (its database was down) sends
 *     it later with the close's own time; null means the connection's clock at the moment it handles the command
 */
public record CloseConnection(
        @TargetAggregateIdentifier String connectionId,
        CloseReason reason,
        String detail,
        String nodeId,
        Instant closedAt)
        implements ConnectionCommand {

    /** Closed when the connection handles the command. */
    public CloseConnection(String connectionId, CloseReason reason, String detail, String nodeId) {
        this(connectionId, reason, detail, nodeId, null);
    }
}
