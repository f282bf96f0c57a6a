package dev.switchboard.testsupport;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.audit.log.LoggedEvent;

/**
 * One recorded decision of a connection, to replay: the command derived from the recorded event, sent to the real
 * aggregate given the stream's earlier events, and the outcome the log recorded.
 */
public final class ReplayStep {

    /** The outcome of a command for an id with no stream, which has no stream id of its own to address. */
    static final String NO_CONNECTION = "no such connection";

    private final String fixture;
    private final int number;
    private final LoggedEvent recorded;
    private final ConnectionCommand command;
    private final String outcome;
    private final Runnable check;

    ReplayStep(
            String fixture,
            int number,
            LoggedEvent recorded,
            ConnectionCommand command,
            String outcome,
            Runnable check) {
        this.fixture = fixture;
        this.number = number;
        this.recorded = recorded;
        this.command = command;
        this.outcome = outcome;
        this.check = check;
    }

    /** 1 for the first step of the fixture, in log order. */
    public int number() {
        return number;
    }

    /** The event the step reproduces. */
    public LoggedEvent recorded() {
        return recorded;
    }

    /** The command derived from it. */
    public ConnectionCommand command() {
        return command;
    }

    /** E.g. {@code step 3 (position 812, pre_1 event 2): AuthenticateConnection → refused connection_closed}. */
    public String name() {
        return "step %d (position %d, %s event %d): %s → %s"
                .formatted(
                        number,
                        recorded.position(),
                        recorded.streamId(),
                        recorded.sequence(),
                        command.getClass().getSimpleName(),
                        outcome);
    }

    /**
     * Replays the step.
     *
     * @throws AssertionError naming the fixture and the step when the aggregate decides otherwise than recorded
     */
    public void run() {
        if (!recorded.streamId().equals(command.connectionId()) && !outcome.equals(NO_CONNECTION)) {
            // the fixture takes the aggregate id from the command, so a mismatch would replay silently on any stream
            throw failure("the derived command addresses " + command.connectionId(), null);
        }
        try {
            check.run();
        } catch (AssertionError | RuntimeException e) {
            throw failure(e.getMessage(), e);
        }
    }

    private AssertionError failure(String why, Throwable cause) {
        return new AssertionError(
                "race fixture '" + fixture + "', " + name() + " did not replay as recorded: " + why, cause);
    }

    @Override
    public String toString() {
        return name();
    }
}
