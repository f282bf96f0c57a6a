package dev.switchboard.testsupport;

import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.audit.log.LoggedEvent;
import dev.switchboard.query.registry.EventRef;
import dev.switchboard.query.registry.InMemoryRegistryStore;
import dev.switchboard.query.registry.RegistryProjector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The fixture's connection events through the real registry projection, in a registry held in memory. */
final class ProjectionReplay {

    /**
     * The live table keeps timestamps to the microsecond (PostgreSQL), the log keeps what the node's clock gave,
     * which is finer on most JVMs; a row read from the table and one projected from the log agree to this much.
     */
    private static final Duration TABLE_PRECISION = Duration.ofNanos(1_000);

    private ProjectionReplay() {}

    /** The rows after every connection event up to and including {@code upToPosition}, in log order. */
    static List<ConnectionView> project(List<LoggedEvent> events, long upToPosition) {
        var store = new InMemoryRegistryStore();
        var projector = new RegistryProjector(store);
        for (LoggedEvent event : events) {
            if (event.position() <= upToPosition && event.payload() instanceof ConnectionEvent connectionEvent) {
                projector.apply(connectionEvent, EventRef.at(event.eventId(), event.position()));
            }
        }
        return store.rows();
    }

    /** Every expected row is projected, as recorded; the projection has no row the recording lacks. */
    static void assertMatches(String fixture, List<ConnectionView> expected, List<ConnectionView> projected) {
        Map<String, ConnectionView> byId =
                projected.stream().collect(Collectors.toMap(ConnectionView::preliminaryId, Function.identity()));
        List<String> differences = new ArrayList<>();
        for (ConnectionView row : expected) {
            ConnectionView actual = byId.remove(row.preliminaryId());
            if (actual == null) {
                differences.add("no row for connection " + row.preliminaryId() + "; recorded " + row);
            } else if (!same(row, actual)) {
                differences.add("connection " + row.preliminaryId() + " projects to " + actual + "; recorded " + row);
            }
        }
        byId.keySet().forEach(id -> differences.add("connection " + id + " has a row the recording does not"));
        if (!differences.isEmpty()) {
            throw new AssertionError("race fixture '" + fixture + "': the registry replay differs from the registry "
                    + "recorded after the race:\n  " + String.join("\n  ", differences));
        }
    }

    private static boolean same(ConnectionView a, ConnectionView b) {
        return Objects.equals(a.connectionId(), b.connectionId())
                && Objects.equals(a.preliminaryId(), b.preliminaryId())
                && Objects.equals(a.userId(), b.userId())
                && Objects.equals(a.nodeId(), b.nodeId())
                && a.state() == b.state()
                && same(a.openedAt(), b.openedAt())
                && same(a.authenticatedAt(), b.authenticatedAt())
                && same(a.readyAt(), b.readyAt())
                && same(a.closedAt(), b.closedAt())
                && a.closeReason() == b.closeReason()
                && a.lastPosition() == b.lastPosition();
    }

    private static boolean same(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Duration.between(a, b).abs().compareTo(TABLE_PRECISION) < 0;
    }
}
