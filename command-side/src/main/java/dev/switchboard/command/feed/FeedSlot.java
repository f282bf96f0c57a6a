package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.time.Instant;
import java.util.Map;

/**
 * One event of a request and what the current plan makes of it: appended under a new seq, or the earlier event of
 * its idempotency key. A retry after a conflict plans it again. Its payload's parts are written when the request is
 * made, on its caller's thread ({@link FeedPayloads}).
 */
final class FeedSlot {

    /** The type Axon stored for these streams while an aggregate class of that name wrote them; readers expect it. */
    static final String STREAM_TYPE = "AgentFeed";

    private final FeedRequest request;
    private final PublishAgentEvent command;
    private final byte[] fingerprint;
    private final FeedPayloads.Parts payload;
    private AgentEventPublished event;
    private String eventId;

    /**
     * @param traceId the id of the message the event is appended for: its metadata's trace and correlation id
     * @throws org.axonframework.serialization.SerializationException when the event's data cannot be written
     */
    FeedSlot(FeedRequest request, PublishAgentEvent command, String traceId, FeedPayloads payloads) {
        this.request = request;
        this.command = command;
        this.fingerprint = command.idempotencyKey() == null ? null : BodyFingerprint.of(command);
        this.payload = payloads.parts(command, traceId);
    }

    FeedRequest request() {
        return request;
    }

    String userId() {
        return command.userId();
    }

    String idempotencyKey() {
        return command.idempotencyKey();
    }

    /** What the key, if any, stands for: see {@link BodyFingerprint}; null without a key. */
    byte[] fingerprint() {
        return fingerprint;
    }

    /** Plans the event as new, to be appended with that seq, time and event id. */
    void append(long seq, Instant at, String eventId) {
        Map<String, Object> data = command.data() == null ? Map.of() : command.data();
        event = new AgentEventPublished(
                command.userId(), seq, command.runId(), command.event(), data, command.idempotencyKey(), at);
        this.eventId = eventId;
    }

    /** Plans the slot as a repeat of an event its idempotency key already stands for: nothing is appended. */
    void replay(AgentEventPublished earlier) {
        event = earlier;
        eventId = null;
    }

    boolean isAppended() {
        return eventId != null;
    }

    AgentEventPublished event() {
        return event;
    }

    /** The appended event's message id, the row's event identifier; null unless appended. */
    String eventId() {
        return eventId;
    }

    /** The parts of the appended event's payload around its seq and time, and its metadata. */
    FeedPayloads.Parts payload() {
        return payload;
    }
}
