package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ConnectionMarkedReady(String connectionId, String finalId, Instant at) implements ConnectionEvent {}
