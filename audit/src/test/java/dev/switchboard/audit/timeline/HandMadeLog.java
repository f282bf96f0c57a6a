package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.audit.log.LoggedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A log written by hand, one event per position from 1, as the event table would hand it back. */
final class HandMadeLog {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

    private final List<LoggedEvent> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    List<LoggedEvent> events() {
        return List.copyOf(events);
    }

    long head() {
        return events.size();
    }

    HandMadeLog append(String streamId, Object payload) {
        long position = events.size() + 1;
        long sequence = sequences.merge(streamId, 1L, Long::sum) - 1;
        events.add(new LoggedEvent(position, at(position), "event-" + position, streamId, sequence, payload));
        return this;
    }

    /** A command for an id with no stream: Axon stores it under its own event id. */
    HandMadeLog appendStreamLess(Object payload) {
        long position = events.size() + 1;
        events.add(new LoggedEvent(position, at(position), "event-" + position, "event-" + position, 0, payload));
        return this;
    }

    HandMadeLog opened(String id, String node) {
        return append(id, new ConnectionOpened(id, node, at(head() + 1)));
    }

    HandMadeLog authenticated(String id, String user) {
        return append(id, new ConnectionAuthenticated(id, user, EXPIRY, at(head() + 1)));
    }

    /** Migrates and claims, as the two events of one transaction. */
    HandMadeLog migrated(String id, String user) {
        append(id, new ConnectionIdMigrated(id, id + "-final", user, at(head() + 1)));
        return append(id + "-final", new FinalIdClaimed(id + "-final", id, at(head() + 1)));
    }

    HandMadeLog ready(String id) {
        return append(id, new ConnectionMarkedReady(id, id + "-final", at(head() + 1)));
    }

    HandMadeLog closed(String id, ConnectionState before, CloseReason reason, String node) {
        return append(id, new ConnectionClosed(id, before, reason, null, node, at(head() + 1)));
    }

    HandMadeLog published(String user, long seq) {
        return append(
                FeedIds.of(user),
                new AgentEventPublished(user, seq, "run-1", "agent_started", Map.of("n", seq), null, at(head() + 1)));
    }

    private static Instant at(long position) {
        return T0.plusSeconds(position);
    }
}
