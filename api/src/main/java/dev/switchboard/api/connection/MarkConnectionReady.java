package dev.switchboard.api.connection;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The connection has its final id; from now on messages may be routed to it. */
public record MarkConnectionReady(@TargetAggregateIdentifier String connectionId) implements ConnectionCommand {}
