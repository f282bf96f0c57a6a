package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bind the connection to the user a verified token names, until the token expires. */
public record AuthenticateConnection(
        @TargetAggregateIdentifier String connectionId, String userId, Instant tokenExpiresAt)
        implements ConnectionCommand {}
