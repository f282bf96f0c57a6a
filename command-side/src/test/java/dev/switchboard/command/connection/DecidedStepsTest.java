package dev.switchboard.command.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RefreshConnectionToken;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A group that opens a connection is decided without the aggregate only when that changes nothing in the log: every
 * group decided here yields the events, streams, sequence numbers and times the aggregate appends for it, command by
 * command; every group the aggregate would refuse a step of is left to the aggregate.
 */
class DecidedStepsTest {

    private static final String ID = "conn-prelim";
    private static final Instant UPGRADED = Instant.parse("2026-12-05T08:00:00.123456Z");
    private static final Instant EXPIRY = Instant.parse("2026-12-05T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T08:00:01.5Z"), ZoneOffset.UTC);

    private final ConnectionHarness aggregate = new ConnectionHarness(CLOCK);

    static Stream<List<ConnectionCommand>> decided() {
        var open = new OpenConnection(ID, "node-a", "10.0.0.9", UPGRADED);
        var authenticate = new AuthenticateConnection(ID, "erin", EXPIRY);
        var migrate = new MigrateConnectionId(ID, "conn-final");
        var ready = new MarkConnectionReady(ID);
        var closeNow = new CloseConnection(ID, CloseReason.CLIENT_CLOSED, "bye", "node-a");
        var closeThen = new CloseConnection(ID, CloseReason.SERVER_CLOSED, null, "node-a", UPGRADED.plusSeconds(3));
        return Stream.of(
                List.of(open),
                List.of(open, authenticate, migrate, ready),
                List.of(new OpenConnection(ID, "node-a"), authenticate, migrate, ready),
                List.of(open, closeThen),
                List.of(open, closeNow),
                List.of(open, authenticate, closeNow),
                List.of(open, authenticate, migrate, closeThen),
                List.of(open, authenticate, migrate, ready, closeNow));
    }

    @ParameterizedTest
    @MethodSource("decided")
    void aDecidedGroupAppendsWhatTheAggregateAppends(List<ConnectionCommand> group) {
        DecidedSteps.Decision decision = DecidedSteps.decide(group, CLOCK);

        assertThat(decision).isNotNull();
        assertThat(decision.events().stream().map(DecidedStepsTest::stored))
                .containsExactlyElementsOf(throughTheAggregate(group).stream()
                        .map(DecidedStepsTest::stored)
                        .toList());
    }

    /**
     * The same groups cut in two: the first part opens the connection, the second is decided from the head the first
     * left, as a node decides a close from the head its handshake left. Together they append what the aggregate does.
     */
    @ParameterizedTest
    @MethodSource("decided")
    void aGroupDecidedFromTheHeadItsOpeningLeftAppendsWhatTheAggregateAppends(List<ConnectionCommand> group) {
        List<String> expected = throughTheAggregate(group).stream()
                .map(DecidedStepsTest::stored)
                .toList();
        for (int cut = 1; cut < group.size(); cut++) {
            DecidedSteps.Decision opening = DecidedSteps.decide(group.subList(0, cut), CLOCK);
            assertThat(opening.head())
                    .as("the head after %s", group.subList(0, cut))
                    .isNotNull();
            DecidedSteps.Decision rest = DecidedSteps.decide(group.subList(cut, group.size()), opening.head(), CLOCK);

            assertThat(rest).as("decided from the head after %d steps", cut).isNotNull();
            assertThat(Stream.concat(opening.events().stream(), rest.events().stream())
                            .map(DecidedStepsTest::stored))
                    .as("cut after %d steps", cut)
                    .containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("decided")
    void theHeadAfterAGroupIsTheStateItsEventsLeaveAndTheNextSequenceAndNoneOnceClosed(List<ConnectionCommand> group) {
        ConnectionHead head = DecidedSteps.decide(group, CLOCK).head();
        var stream = throughTheAggregate(group).stream()
                .map(event -> (DomainEventMessage<?>) event)
                .filter(event -> event.getAggregateIdentifier().equals(ID))
                .toList();

        var replay = new ConnectionReplay();
        stream.forEach(event -> replay.apply((ConnectionEvent) event.getPayload()));
        ConnectionSnapshot state = replay.current();

        if (state.state() == ConnectionState.CLOSED) {
            assertThat(head).isNull();
        } else {
            assertThat(head)
                    .isEqualTo(new ConnectionHead(ID, state.state(), stream.size(), state.userId(), state.finalId()));
        }
    }

    static Stream<List<ConnectionCommand>> leftToTheAggregateFromAReadyHead() {
        return Stream.of(
                List.of(),
                List.of(new AuthenticateConnection(ID, "erin", EXPIRY)),
                List.of(new MigrateConnectionId(ID, "conn-other")),
                List.of(new MarkConnectionReady(ID)),
                List.of(new RefreshConnectionToken(ID, "erin", EXPIRY)),
                List.of(new OpenConnection(ID, "node-a")),
                List.of(new CloseConnection("another", CloseReason.CLIENT_CLOSED, null, "node-a")),
                List.of(
                        new CloseConnection(ID, CloseReason.CLIENT_CLOSED, null, "node-a"),
                        new CloseConnection(ID, CloseReason.CLIENT_CLOSED, null, "node-a")));
    }

    @ParameterizedTest
    @MethodSource("leftToTheAggregateFromAReadyHead")
    void aStepTheAggregateWouldNotAcceptAsItIsFromAReadyHeadIsLeftToTheAggregate(List<ConnectionCommand> group) {
        var ready = new ConnectionHead(ID, ConnectionState.READY, 4, "erin", "conn-final");

        assertThat(DecidedSteps.decide(group, ready, CLOCK)).isNull();
    }

    static Stream<List<ConnectionCommand>> leftToTheAggregate() {
        var open = new OpenConnection(ID, "node-a");
        var authenticate = new AuthenticateConnection(ID, "erin", EXPIRY);
        var migrate = new MigrateConnectionId(ID, "conn-final");
        var close = new CloseConnection(ID, CloseReason.CLIENT_CLOSED, null, "node-a");
        return Stream.of(
                List.of(authenticate, migrate),
                List.of(new OpenConnection(" ", "node-a"), authenticate),
                List.of(open, new AuthenticateConnection(ID, " ", EXPIRY)),
                List.of(open, authenticate, new AuthenticateConnection(ID, "frank", EXPIRY)),
                List.of(open, new MigrateConnectionId(ID, "conn-final")),
                List.of(open, authenticate, new MigrateConnectionId(ID, ID)),
                List.of(open, authenticate, new MigrateConnectionId(ID, "")),
                List.of(open, authenticate, migrate, migrate),
                List.of(open, authenticate, new MarkConnectionReady(ID)),
                List.of(open, authenticate, migrate, new MarkConnectionReady(ID), new MarkConnectionReady(ID)),
                List.of(open, authenticate, new RefreshConnectionToken(ID, "erin", EXPIRY)),
                List.of(open, close, close),
                List.of(open, new AuthenticateConnection("another", "erin", EXPIRY)),
                List.of(open, open));
    }

    @ParameterizedTest
    @MethodSource("leftToTheAggregate")
    void aGroupWithAStepTheAggregateDoesNotAcceptAsItIsIsLeftToTheAggregate(List<ConnectionCommand> group) {
        assertThat(DecidedSteps.decide(group, CLOCK)).isNull();
    }

    private List<EventMessage<?>> throughTheAggregate(List<ConnectionCommand> group) {
        aggregate.reset(List.of());
        for (ConnectionCommand command : group) {
            assertThat(aggregate.dispatch(command).isExceptional())
                    .as("the aggregate accepts %s", command)
                    .isFalse();
        }
        return aggregate.allEvents();
    }

    /** What the event table keeps of an event, but its id and the message's own time. */
    private static String stored(EventMessage<?> event) {
        var domainEvent = (DomainEventMessage<?>) event;
        return domainEvent.getType() + " " + domainEvent.getAggregateIdentifier() + " #"
                + domainEvent.getSequenceNumber() + " " + domainEvent.getPayload();
    }
}
