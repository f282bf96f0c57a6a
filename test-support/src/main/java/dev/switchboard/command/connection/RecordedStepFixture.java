package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionEvent;
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
 * Runs one recorded step of a race through Axon's {@link AggregateTestFixture} of the real {@link Connection}.
 *
 * <p>This class sits in the aggregate's package although it ships in {@code test-support}: {@code Connection} is
 * package-private so that production code can reach it only through {@code ConnectionCommands}, and a fixture needs
 * the class itself. Both jars are plain classpath entries, where a package split over two jars is legal (it would not
 * be on the module path, which this project does not use). Everything else of the library stays in
 * {@code dev.switchboard.testsupport}; this is the one class that touches the aggregate.
 *
 * <p>Each step gets a clock fixed at the recorded event's {@code at}, so the events the aggregate applies now are
 * equal, field by field, to the ones the log holds.
 */
public final class RecordedStepFixture {

    private RecordedStepFixture() {}

    /** Given the stream's earlier events, the command is accepted and applies exactly {@code expected}. */
    public static void expectAccepted(
            List<? extends ConnectionEvent> history,
            ConnectionCommand command,
            Instant at,
            List<? extends ConnectionEvent> expected) {
        given(history, at).when(command).expectSuccessfulHandlerExecution().expectEvents(expected.toArray());
    }

    /** Given the stream's earlier events, the command is refused as recorded, and the refusal is applied. */
    public static void expectRejected(
            List<? extends ConnectionEvent> history,
            ConnectionCommand command,
            Instant at,
            ConnectionCommandRejected expected) {
        given(history, at).when(command).expectException(rejection(expected)).expectEvents(expected);
    }

    /**
     * An id with no stream: the aggregate cannot be loaded, which is what makes {@code ConnectionCommands} log the
     * refusal as a stream-less event. The fixture shows the first half; the stream-less event is the second.
     */
    public static void expectNoConnection(ConnectionCommand command, Instant at) {
        given(List.of(), at)
                .when(command)
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    private static TestExecutor<Connection> given(List<? extends ConnectionEvent> history, Instant at) {
        var fixture = new AggregateTestFixture<>(Connection.class);
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
