package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A socket was upgraded on {@code nodeId}; start a connection under its preliminary id.
 *
 * @param remoteAddress the client's address, for audits and per-address limits; null when unknown
 * @param openedAt when the socket was upgraded. A node sends this command with the socket's first {@code auth} or
 *     with its close, so the upgrade may be seconds older than the command; null means the connection's clock at the
 *     moment it handles the command
 */
public record OpenConnection(
        @TargetAggregateIdentifier String connectionId, String nodeId, String remoteAddress, Instant openedAt)
        implements ConnectionCommand {

    public OpenConnection(String connectionId, String nodeId) {
        this(connectionId, nodeId, null, null);
    }

    /** Opened when the connection handles the command. */
    public OpenConnection(String connectionId, String nodeId, String remoteAddress) {
        this(connectionId, nodeId, remoteAddress, null);
    }
}
