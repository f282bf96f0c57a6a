package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The client sent a fresh token for the user it is bound to; the connection lives on until the new expiry. */
public record RefreshConnectionToken(
        @TargetAggregateIdentifier String connectionId, String userId, Instant tokenExpiresAt)
        implements ConnectionCommand {}
