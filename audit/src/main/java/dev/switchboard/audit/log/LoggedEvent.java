package dev.switchboard.audit.log;

import java.time.Instant;

/**
 * One entry of the log, upcast to the current revision and deserialized.
 *
 * @param position the global index: the true order of everything that happened, across streams and nodes (with gaps
 *     where an append was rolled back)
 * @param streamId the aggregate the event belongs to; for a stream-less event, its own id
 * @param payload the event, e.g. a {@code ConnectionEvent} or an {@code AgentEventPublished}
 */
public record LoggedEvent(
        long position, Instant timestamp, String eventId, String streamId, long sequence, Object payload) {

    public String type() {
        return payload.getClass().getSimpleName();
    }
}
