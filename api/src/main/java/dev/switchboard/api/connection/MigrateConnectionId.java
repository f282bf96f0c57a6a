package dev.switchboard.api.connection;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give an authenticated connection its final id, in one step that keeps the preliminary id resolvable. */
public record MigrateConnectionId(@TargetAggregateIdentifier String connectionId, String finalId)
        implements ConnectionCommand {}
