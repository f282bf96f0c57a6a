package dev.switchboard.api.connection;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close the connection. Closing a closed connection is accepted and changes nothing.
 *
 * @param detail a human sentence for the log; may be null
 * @param nodeId the node that issues the close (not always the node that holds the socket: see NODE_LOST)
 */
public record CloseConnection(
        @TargetAggregateIdentifier String connectionId, CloseReason reason, String detail, String nodeId)
        implements ConnectionCommand {}
