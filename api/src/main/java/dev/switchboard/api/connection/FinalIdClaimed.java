package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The first and only event of a final id's stream: it says which connection holds the id. Its aggregate identifier
 * is {@code finalId}; {@code connectionId} points back to the connection's stream.
 */
@Revision("1")
public record FinalIdClaimed(String finalId, String connectionId, Instant at) implements ConnectionEvent {}
