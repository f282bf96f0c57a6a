package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The connection took its final id. Appended in the same transaction as {@link FinalIdClaimed} on the final id's own
 * stream, so the event table's unique key, not a read, decides which connection owns a final id.
 */
@Revision("1")
public record ConnectionIdMigrated(String connectionId, String finalId, String userId, Instant at)
        implements ConnectionEvent {}
