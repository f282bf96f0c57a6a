package dev.switchboard.audit.timeline;

import static dev.switchboard.api.connection.ConnectionState.AUTHENTICATED;
import static dev.switchboard.api.connection.ConnectionState.CLOSED;
import static dev.switchboard.api.connection.ConnectionState.OPENED;
import static dev.switchboard.api.connection.ConnectionState.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.RejectionCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Timelines built from hand-made logs: the real aggregate and registry logic, no database. */
class TimelineReplayTest {

    private static final Map<String, String> MIGRATE_ARGUMENTS = Map.of("connectionId", "c1", "finalId", "c1-final");

    @Test
    void aCloseThatWinsTheRaceLeavesTheMigrationRefusedWithTheStateItMet() {
        HandMadeLog log = closedThenMigrationRefused();

        Timeline timeline = replay(log, PositionRange.upTo(log.head()));

        assertThat(timeline.steps())
                .extracting(
                        TimelineStep::position,
                        TimelineStep::type,
                        TimelineStep::nodeId,
                        step -> step.before().state(),
                        step -> step.after().state(),
                        step -> step.registryRow().state())
                .containsExactly(
                        tuple(1L, "ConnectionOpened", "node-a", null, OPENED, OPENED),
                        tuple(2L, "ConnectionAuthenticated", "node-a", OPENED, AUTHENTICATED, AUTHENTICATED),
                        tuple(3L, "ConnectionClosed", "node-b", AUTHENTICATED, CLOSED, CLOSED),
                        tuple(4L, "ConnectionCommandRejected", "node-a", CLOSED, CLOSED, CLOSED));
        assertThat(timeline.steps().get(3).rejection())
                .isEqualTo(new Rejection(
                        "MigrateConnectionId",
                        MIGRATE_ARGUMENTS,
                        CLOSED,
                        "connection_closed",
                        "the connection is closed"));
        assertThat(timeline.steps().get(2).registryRow())
                .extracting(RegistryRow::userId, RegistryRow::nodeId, RegistryRow::closeReason)
                .containsExactly("ann", "node-a", CloseReason.NODE_LOST);
        assertThat(timeline.steps())
                .allSatisfy(step -> assertThat(step.connectionId()).isEqualTo("c1"));
    }

    @Test
    void aWindowStartingLateStillShowsTheStatesAndRowsTheEarlierEventsLeft() {
        HandMadeLog log = closedThenMigrationRefused();

        Timeline timeline = replay(log, new PositionRange(3, 4));

        assertThat(timeline.steps()).extracting(TimelineStep::position).containsExactly(3L, 4L);
        TimelineStep close = timeline.steps().get(0);
        assertThat(close.before().state()).isEqualTo(AUTHENTICATED);
        assertThat(close.before().userId()).isEqualTo("ann");
        assertThat(close.registryRow().userId()).isEqualTo("ann");
        assertThat(close.registryRow().authenticatedAt()).isNotNull();
    }

    @Test
    void aFinalIdsClaimIsAStepOfTheConnectionThatClaimedIt() {
        HandMadeLog log = new HandMadeLog()
                .opened("c1", "node-a")
                .authenticated("c1", "ann")
                .migrated("c1", "ann")
                .ready("c1");

        Timeline timeline = replay(log, PositionRange.upTo(log.head()));

        TimelineStep claim = timeline.steps().get(3);
        assertThat(claim.type()).isEqualTo("FinalIdClaimed");
        assertThat(claim.streamId()).isEqualTo("c1-final");
        assertThat(claim.connectionId()).isEqualTo("c1");
        assertThat(claim.after().claimedBy()).isEqualTo("c1");
        assertThat(claim.nodeId()).isEqualTo("node-a");
        assertThat(claim.registryRow().connectionId()).isEqualTo("c1-final");
        assertThat(timeline.steps().get(4).registryRow().state()).isEqualTo(READY);
    }

    @Test
    void anAgentEventGoesToTheUsersReadyConnectionsAndIsHeldForTheOnesNotReadyYet() {
        HandMadeLog log = new HandMadeLog()
                .opened("c1", "node-a")
                .authenticated("c1", "ann")
                .migrated("c1", "ann")
                .ready("c1")
                .opened("c2", "node-b")
                .authenticated("c2", "ann")
                .opened("c3", "node-a")
                .opened("b1", "node-a")
                .authenticated("b1", "bob")
                .migrated("b1", "bob")
                .ready("b1")
                .opened("b2", "node-a")
                .published("ann", 1)
                .authenticated("c3", "ann")
                .authenticated("b2", "bob")
                .migrated("c2", "ann")
                .ready("c2")
                .closed("c1", READY, CloseReason.CLIENT_CLOSED, "node-a")
                .published("ann", 2);

        Timeline timeline = replay(log, PositionRange.upTo(log.head()));

        List<Delivery> deliveries = timeline.steps().stream()
                .filter(step -> step.delivery() != null)
                .map(TimelineStep::delivery)
                .toList();
        assertThat(deliveries)
                .extracting(Delivery::seq, Delivery::deliveredTo, Delivery::heldFor)
                .containsExactly(
                        tuple(1L, List.of("c1"), List.of("c2", "c3")), tuple(2L, List.of("c2"), List.of("c3")));
        TimelineStep first = timeline.steps().stream()
                .filter(step -> step.delivery() != null)
                .findFirst()
                .orElseThrow();
        assertThat(first.streamId()).isEqualTo("feed:ann");
        assertThat(first.connectionId()).isNull();
        assertThat(first.payload().path("seq").asLong()).isEqualTo(1);
        assertThat(first.delivery().runId()).isEqualTo("run-1");
        assertThat(first.delivery().event()).isEqualTo("agent_started");
    }

    @Test
    void aCommandForAnIdWithNoStreamIsAStepWithoutStateOrRow() {
        HandMadeLog log = new HandMadeLog()
                .appendStreamLess(new ConnectionCommandRejected(
                        "ghost",
                        "MarkConnectionReady",
                        Map.of("connectionId", "ghost"),
                        null,
                        RejectionCode.UNKNOWN_CONNECTION,
                        "no connection was opened with this id",
                        HandMadeLog.T0));

        TimelineStep step = replay(log, PositionRange.upTo(1)).steps().get(0);

        assertThat(step.connectionId()).isEqualTo("ghost");
        assertThat(step.before()).isNull();
        assertThat(step.registryRow()).isNull();
        assertThat(step.rejection().stateMet()).isNull();
        assertThat(step.rejection().code()).isEqualTo("unknown_connection");
    }

    static HandMadeLog closedThenMigrationRefused() {
        return new HandMadeLog()
                .opened("c1", "node-a")
                .authenticated("c1", "ann")
                .closed("c1", AUTHENTICATED, CloseReason.NODE_LOST, "node-b")
                .append(
                        "c1",
                        new ConnectionCommandRejected(
                                "c1",
                                "MigrateConnectionId",
                                MIGRATE_ARGUMENTS,
                                CLOSED,
                                RejectionCode.CONNECTION_CLOSED,
                                "the connection is closed",
                                HandMadeLog.T0));
    }

    static Timeline replay(HandMadeLog log, PositionRange window) {
        TimelineReplay replay = new TimelineReplay(window);
        log.events().forEach(replay::accept);
        return replay.finish(Timeline.Kind.WINDOW, null, null);
    }
}
