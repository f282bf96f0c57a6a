package dev.switchboard.audit.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.audit.log.EventLogFormat;
import dev.switchboard.audit.log.LoggedEvent;
import dev.switchboard.command.connection.ConnectionReplay;
import dev.switchboard.command.connection.ConnectionSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The sandbox a timeline is built in: events go in, in log order, from the start of every stream they belong to;
 * each goes through its stream's {@link ConnectionReplay} (the real aggregate) and the registry's projection logic
 * over memory. Steps are kept only for events inside the window, but every event is applied, so a window that starts
 * late still shows the states and registry rows the earlier events left.
 */
final class TimelineReplay {

    private static final ObjectMapper JSON = EventLogFormat.objectMapper();

    private final PositionRange window;
    private final Map<String, ConnectionReplay> replays = new HashMap<>();
    private final SandboxRegistry registry = new SandboxRegistry();
    private final FeedAudience audience = new FeedAudience();
    private final List<TimelineStep> steps = new ArrayList<>();
    private final Map<Integer, FeedAudience.Pending> deliveries = new HashMap<>();

    TimelineReplay(PositionRange window) {
        this.window = window;
    }

    /** A connection's user known from the whole of its stream, when the replay may stop before its authentication. */
    void knowOwner(String streamId, String userId) {
        audience.knowOwner(streamId, userId);
    }

    /** Applies one event; events must come in log order and past the window's end are ignored. */
    void accept(LoggedEvent event) {
        if (event.position() > window.to()) {
            return;
        }
        boolean inWindow = window.contains(event.position());
        if (event.payload() instanceof ConnectionEvent connectionEvent) {
            applyConnectionEvent(event, connectionEvent, inWindow);
        } else if (inWindow && event.payload() instanceof AgentEventPublished published) {
            deliveries.put(steps.size(), audience.at(published, registry));
            steps.add(step(event, null, null));
        } else if (inWindow) {
            steps.add(step(event, null, null));
        }
    }

    private void applyConnectionEvent(LoggedEvent event, ConnectionEvent payload, boolean inWindow) {
        Rejection rejection = payload instanceof ConnectionCommandRejected rejected ? Rejection.of(rejected) : null;
        if (isStreamLess(event)) {
            // a command for an id that never had a stream: no aggregate to replay and no registry row
            if (inWindow) {
                steps.add(step(event, payload.connectionId(), rejection));
            }
            return;
        }
        ConnectionReplay replay = replays.computeIfAbsent(event.streamId(), id -> new ConnectionReplay());
        ConnectionSnapshot before = replay.current();
        ConnectionSnapshot after = replay.apply(payload);
        registry.apply(event);
        audience.track(event.streamId(), after);
        if (inWindow) {
            // a step of a final id's claim stream belongs to the connection that claimed it
            String connectionId = after.claimedBy() != null ? after.claimedBy() : event.streamId();
            RegistryRow row = registry.row(connectionId).orElse(null);
            String node =
                    payload instanceof ConnectionClosed closed ? closed.nodeId() : row != null ? row.nodeId() : null;
            steps.add(new TimelineStep(
                    event.position(),
                    event.timestamp(),
                    node,
                    event.streamId(),
                    connectionId,
                    event.type(),
                    json(event.payload()),
                    before,
                    after,
                    row,
                    rejection,
                    null));
        }
    }

    /** A step with no aggregate state and no registry row: a feed event, or a stream-less refusal. */
    private static TimelineStep step(LoggedEvent event, String connectionId, Rejection rejection) {
        return new TimelineStep(
                event.position(),
                event.timestamp(),
                null,
                event.streamId(),
                connectionId,
                event.type(),
                json(event.payload()),
                null,
                null,
                null,
                rejection,
                null);
    }

    /**
     * The payload as JSON read back from its text, not converted directly: a direct conversion keeps Java's number
     * types (a long seq stays a long node), so a timeline would not equal itself read back from an exported file.
     */
    private static JsonNode json(Object payload) {
        try {
            return JSON.readTree(JSON.writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write event payload " + payload.getClass().getName(), e);
        }
    }

    /** Axon stores an event published outside any aggregate under its own id as the stream id. */
    private static boolean isStreamLess(LoggedEvent event) {
        return event.streamId().equals(event.eventId());
    }

    /**
     * Ends the replay: deliveries learn which OPENED connections turned out to be their user's.
     *
     * @param streams the streams replayed, or null to list those with steps
     */
    Timeline finish(Timeline.Kind kind, String subject, List<String> streams) {
        List<TimelineStep> resolved = new ArrayList<>(steps);
        deliveries.forEach(
                (index, pending) -> resolved.set(index, resolved.get(index).withDelivery(pending.resolve())));
        List<String> replayed = streams != null
                ? List.copyOf(streams)
                : List.copyOf(new LinkedHashSet<>(
                        resolved.stream().map(TimelineStep::streamId).toList()));
        return new Timeline(kind, subject, window.from(), window.to(), replayed, List.copyOf(resolved));
    }
}
