package dev.switchboard.api.connection;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A socket was upgraded on {@code nodeId}; start a connection under its preliminary id. */
public record OpenConnection(@TargetAggregateIdentifier String connectionId, String nodeId)
        implements ConnectionCommand {}
