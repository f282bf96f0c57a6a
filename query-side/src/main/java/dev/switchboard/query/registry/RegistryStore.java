package dev.switchboard.query.registry;

import dev.switchboard.api.connection.CloseReason;
import java.time.Instant;

/**
 * Where the registry projection writes: the live table, a rebuild's fresh table, or a sandbox in memory. Every write
 * is guarded by the event's position, so applying an event twice changes nothing.
 */
public interface RegistryStore {

    void opened(EventRef event, String connectionId, String nodeId, Instant at);

    void authenticated(EventRef event, String connectionId, String userId, Instant at);

    void migrated(EventRef event, String connectionId, String finalId);

    void ready(EventRef event, String connectionId, Instant at);

    void closed(EventRef event, String connectionId, CloseReason reason, Instant at);
}
