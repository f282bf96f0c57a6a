package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ConnectionTokenRefreshed(String connectionId, Instant tokenExpiresAt, Instant at)
        implements ConnectionEvent {}
