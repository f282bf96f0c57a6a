package dev.switchboard.api.connection;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A socket was upgraded on {@code nodeId}; start a connection under its preliminary id.
 *
 * @param remoteAddress the client's address, for audits and per-address limits; null when unknown
 */
public record OpenConnection(@TargetAggregateIdentifier String connectionId, String nodeId, String remoteAddress)
        implements ConnectionCommand {

    public OpenConnection(String connectionId, String nodeId) {
        this(connectionId, nodeId, null);
    }
}
