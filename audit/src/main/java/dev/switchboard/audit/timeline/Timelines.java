package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.api.message.AgentMessageEvent;
import dev.switchboard.api.message.MessageIds;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.LoggedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds timelines from the log: of a connection, of a user, or of a window. Reads only the event table (and, to find
 * a user's connections, {@link UserStreams}); never writes anything.
 */
public final class Timelines {

    private final EventLog log;
    private final UserStreams userStreams;

    public Timelines(EventLog log, UserStreams userStreams) {
        this.log = log;
        this.userStreams = userStreams;
    }

    /**
     * Everything that happened to the connection with this preliminary or final id, up to the log's head.
     *
     * @return empty when no connection was opened or migrated with this id
     */
    public Optional<Timeline> ofConnection(String id) {
        PositionRange range = PositionRange.upTo(log.head());
        List<LoggedEvent> own = log.ofStreams(List.of(id));
        if (own.isEmpty()) {
            return Optional.empty();
        }
        String connection;
        if (own.get(0).payload() instanceof FinalIdClaimed claim) {
            connection = claim.connectionId();
        } else if (own.get(0).payload() instanceof ConnectionOpened) {
            connection = id;
        } else {
            return Optional.empty(); // a feed, not a connection
        }
        List<LoggedEvent> events = new ArrayList<>(connection.equals(id) ? own : log.ofStreams(List.of(connection)));
        List<String> claims = finalIds(events);
        events.addAll(log.ofStreams(claims));
        List<String> streams = new ArrayList<>(List.of(connection));
        streams.addAll(claims);
        messages(events, claims).ifPresent(messages -> {
            events.addAll(messages.getValue());
            streams.add(messages.getKey());
        });
        return Optional.of(replay(range, events, Set.of(), null).finish(Timeline.Kind.CONNECTION, id, streams));
    }

    /** Every connection that authenticated as the user, and the user's agent events, interleaved in log order. */
    public Timeline ofUser(String userId, LogWindow window) {
        PositionRange range = window.resolve(log);
        List<LoggedEvent> events = new ArrayList<>(log.ofStreams(userStreams.candidates(userId)));
        // the log, not the finder, decides whose connection a stream is
        Set<String> owned = new LinkedHashSet<>();
        events.stream()
                .filter(event -> event.payload() instanceof ConnectionAuthenticated authenticated
                        && userId.equals(authenticated.userId()))
                .forEach(event -> owned.add(event.streamId()));
        events.removeIf(event -> !owned.contains(event.streamId()));
        Set<String> others = new LinkedHashSet<>(finalIds(events));
        others.add(FeedIds.of(userId));
        String messages = MessageIds.of(userId);
        others.add(messages);
        events.addAll(log.ofStreams(others));
        if (events.stream().noneMatch(event -> event.streamId().equals(messages))) {
            others.remove(messages); // a user who never wrote to an agent backend has no such stream
        }
        List<String> streams = new ArrayList<>(owned);
        streams.addAll(others);
        return replay(range, events, owned, userId).finish(Timeline.Kind.USER, userId, streams);
    }

    /** Everything in the window; the log before it is replayed too (streamed), so states and rows are right. */
    public Timeline ofWindow(LogWindow window) {
        PositionRange range = window.resolve(log);
        TimelineReplay replay = new TimelineReplay(range);
        log.scan(PositionRange.BEFORE_FIRST, range.to(), replay::accept);
        return replay.finish(Timeline.Kind.WINDOW, null, null);
    }

    /**
     * Replays events read from several streams, merged into log order. The owners are known from the whole streams,
     * so a connection authenticating after the window still counts as the user's when an event is held for it.
     */
    private static TimelineReplay replay(
            PositionRange range, List<LoggedEvent> events, Set<String> owned, String userId) {
        TimelineReplay replay = new TimelineReplay(range);
        owned.forEach(stream -> replay.knowOwner(stream, userId));
        events.stream().sorted(Comparator.comparingLong(LoggedEvent::position)).forEach(replay::accept);
        return replay;
    }

    /**
     * The connection's messages to the agent backend (which name it by its final id), from its user's message stream.
     *
     * @return the stream's id and the connection's events in it; empty before the connection authenticated
     */
    private Optional<Map.Entry<String, List<LoggedEvent>>> messages(List<LoggedEvent> events, List<String> finalIds) {
        return events.stream()
                .filter(event -> event.payload() instanceof ConnectionAuthenticated)
                .map(event -> MessageIds.of(((ConnectionAuthenticated) event.payload()).userId()))
                .findFirst()
                .map(stream -> Map.entry(
                        stream,
                        log.ofStreams(List.of(stream)).stream()
                                .filter(event -> event.payload() instanceof AgentMessageEvent message
                                        && finalIds.contains(message.connectionId()))
                                .toList()))
                .filter(messages -> !messages.getValue().isEmpty());
    }

    /** The final ids these connection events migrated to: the claim streams that belong with them. */
    private static List<String> finalIds(List<LoggedEvent> events) {
        return events.stream()
                .filter(event -> event.payload() instanceof ConnectionIdMigrated)
                .map(event -> ((ConnectionIdMigrated) event.payload()).finalId())
                .toList();
    }
}
