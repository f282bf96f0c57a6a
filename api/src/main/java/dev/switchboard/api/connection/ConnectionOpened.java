package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ConnectionOpened(String connectionId, String nodeId, Instant at) implements ConnectionEvent {}
