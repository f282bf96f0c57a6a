package dev.switchboard.testsupport;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.audit.log.LoggedEvent;
import dev.switchboard.command.connection.ConnectionAggregateType;
import dev.switchboard.command.connection.ConnectionRejectedException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * Runs one recorded step of a race through Axon's {@link AggregateTestFixture} of the real connection aggregate.
 *
 * <p>Each step gets a clock fixed at the recorded event's {@code at}, so the events the aggregate applies now are
 * equal, field by field, to the ones the log holds.
 */
final class RecordedStepFixture {

    private RecordedStepFixture() {}

    /** Given the stream's earlier events, the command is accepted and applies exactly {@code expected}. */
    static void expectAccepted(
            List<? extends ConnectionEvent> history,
            ConnectionCommand command,
            Instant at,
            List<? extends ConnectionEvent> expected) {
        given(history, at).when(command).expectSuccessfulHandlerExecution().expectEvents(expected.toArray());
    }

    /** Given the stream's earlier events, the command is refused as recorded, and the refusal is applied. */
    static void expectRejected(
            List<? extends ConnectionEvent> history,
            ConnectionCommand command,
            Instant at,
            ConnectionCommandRejected expected) {
        given(history, at).when(command).expectException(rejection(expected)).expectEvents(expected);
    }

    /**
     * Given the log up to the step (every stream's events before it), the real command sent as a node sends it is
     * refused by the store's unique key, and recorded exactly as {@code expected}: code, state, arguments, reason and
     * time. The store decides, not the fixture, so a record the store would not have made fails.
     */
    static void expectRefusedByTheStore(
            List<LoggedEvent> before, ConnectionCommand command, ConnectionCommandRejected expected) {
        try (var log = new EmbeddedLog(Clock.fixed(expected.at(), ZoneOffset.UTC))) {
            log.holding(before);
            try {
                log.commands().send(command);
            } catch (ConnectionRejectedException refused) {
                List<Object> stream = log.stream(command.connectionId());
                Object recorded = stream.get(stream.size() - 1);
                if (!expected.equals(recorded)) {
                    throw new AssertionError("the store refused it as " + recorded + "; the fixture says " + expected);
                }
                return;
            }
            throw new AssertionError("the store accepted it; the fixture says it was refused "
                    + expected.code().code());
        }
    }

    /**
     * An id with no stream: the aggregate cannot be loaded, which is what makes {@code ConnectionCommands} log the
     * refusal as a stream-less event. The fixture shows the first half; the stream-less event is the second.
     */
    static void expectNoConnection(ConnectionCommand command, Instant at) {
        given(List.of(), at)
                .when(command)
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    private static TestExecutor<?> given(List<? extends ConnectionEvent> history, Instant at) {
        var fixture = new AggregateTestFixture<>(ConnectionAggregateType.get());
        fixture.registerInjectableResource(Clock.fixed(at, ZoneOffset.UTC));
        return history.isEmpty() ? fixture.givenNoPriorActivity() : fixture.given(List.copyOf(history));
    }

    private static Matcher<ConnectionRejectedException> rejection(ConnectionCommandRejected expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ConnectionRejectedException e) {
                return Objects.equals(e.connectionId(), expected.connectionId())
                        && Objects.equals(e.command(), expected.command())
                        && e.state() == expected.stateMet()
                        && e.code() == expected.code();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("ConnectionRejectedException of " + expected.command() + " on "
                        + expected.connectionId() + " in state " + expected.stateMet() + " with code "
                        + expected.code().code());
            }

            @Override
            protected void describeMismatchSafely(ConnectionRejectedException e, Description description) {
                description.appendText("was " + e.command() + " on " + e.connectionId() + " in state " + e.state()
                        + " with code " + e.code().code());
            }
        };
    }
}
