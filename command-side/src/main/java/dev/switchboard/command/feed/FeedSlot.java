package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * One event of a request and what the current plan makes of it: appended under a new seq, or the earlier event of
 * its idempotency key. A retry after a conflict plans it again.
 */
final class FeedSlot {

    /** The type Axon stored for these streams while an aggregate class of that name wrote them; readers expect it. */
    static final String STREAM_TYPE = "AgentFeed";

    private final FeedRequest request;
    private final PublishAgentEvent command;
    private final String traceId;
    private final byte[] fingerprint;
    private AgentEventPublished event;
    private DomainEventMessage<AgentEventPublished> message;

    FeedSlot(FeedRequest request, PublishAgentEvent command, String traceId) {
        this.request = request;
        this.command = command;
        this.traceId = traceId;
        this.fingerprint = command.idempotencyKey() == null ? null : BodyFingerprint.of(command);
    }

    FeedRequest request() {
        return request;
    }

    String userId() {
        return command.userId();
    }

    /** The id of the message the event is appended for: its trace and correlation id. */
    String traceId() {
        return traceId;
    }

    String idempotencyKey() {
        return command.idempotencyKey();
    }

    /** What the key, if any, stands for: see {@link BodyFingerprint}; null without a key. */
    byte[] fingerprint() {
        return fingerprint;
    }

    /** Plans the event as new: seq and time assigned, the message built as Axon would have stored it. */
    void append(long seq, Instant at, String eventId) {
        Map<String, Object> data = command.data() == null ? Map.of() : command.data();
        event = new AgentEventPublished(
                command.userId(), seq, command.runId(), command.event(), data, command.idempotencyKey(), at);
        // what Axon's correlation data put on an event applied while handling a command message with this id
        message = new GenericDomainEventMessage<>(
                STREAM_TYPE,
                FeedIds.of(command.userId()),
                seq - 1,
                event,
                FeedMetaData.forMessage(traceId),
                eventId,
                at);
    }

    /** Plans the slot as a repeat of an event its idempotency key already stands for: nothing is appended. */
    void replay(AgentEventPublished earlier) {
        event = earlier;
        message = null;
    }

    boolean isAppended() {
        return message != null;
    }

    AgentEventPublished event() {
        return event;
    }

    DomainEventMessage<AgentEventPublished> message() {
        return message;
    }
}
