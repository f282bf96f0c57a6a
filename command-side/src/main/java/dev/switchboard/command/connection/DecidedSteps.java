package dev.switchboard.command.connection;

import static dev.switchboard.api.connection.ConnectionState.AUTHENTICATED;
import static dev.switchboard.api.connection.ConnectionState.CLOSED;
import static dev.switchboard.api.connection.ConnectionState.OPENED;
import static dev.switchboard.api.connection.ConnectionState.READY;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * The events of a group of commands decided without the aggregate, for a connection whose state is known without
 * loading its stream: a new one (the group opens it), or one whose last events this node committed
 * ({@link ConnectionHead}). Each step's outcome then follows from the state, the steps before it in the group and its
 * own arguments, so the group's events go to the event store as one append, without a command dispatch, a unit of
 * work and a repository per step (the larger part of a handshake's CPU and allocation went there), and a close needs
 * no read of the stream.
 *
 * <p>Only the steps the {@link Connection} aggregate accepts are decided here: an open, then authenticated, final id,
 * ready and a close, in the order the aggregate accepts them, each with arguments it accepts. Any other group (a step
 * the aggregate would refuse, a token refresh, anything after a close) is not decided here at all: {@link #decide}
 * answers null and the group goes through the aggregate, which records the refusal. Whether the id or the final id
 * already has a history, or whether another node appended to the stream since the head was taken, is the store's to
 * say: its unique key on (stream, sequence) refuses the append, and the caller sends the group through the aggregate,
 * which loads the stream as it stands. {@code DecidedStepsTest} holds every group this decides to the events the
 * aggregate appends for it.
 */
final class DecidedSteps {

    /** The aggregate type Axon names the connection's streams by (the class's simple name). */
    private static final String STREAM_TYPE = Connection.class.getSimpleName();

    /** A group's events, and the connection's head after them: null once it is closed. */
    record Decision(List<DomainEventMessage<?>> events, ConnectionHead head) {}

    private final String connectionId;
    private final Clock clock;
    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private ConnectionState state;
    private long nextSequence;
    private String userId;
    private String finalId;
    /** The id of the step being decided: it stands for the command message that is not sent. */
    private String step;

    private DecidedSteps(String connectionId, Clock clock) {
        this.connectionId = connectionId;
        this.clock = clock;
    }

    /**
     * The events the aggregate would append for {@code commands}, in the order it would append them, for a group
     * that opens a connection.
     *
     * @return null when the group does not open a connection or holds a step this does not decide
     */
    static Decision decide(List<? extends ConnectionCommand> commands, Clock clock) {
        if (commands.isEmpty() || !(commands.get(0) instanceof OpenConnection open) || isBlank(open.connectionId())) {
            return null;
        }
        var steps = new DecidedSteps(open.connectionId(), clock);
        steps.step = newStepId();
        steps.open(open);
        return steps.decideAll(commands.subList(1, commands.size()));
    }

    /**
     * The same for a group on a connection whose head is known.
     *
     * @return null when a step of the group is not decided here
     */
    static Decision decide(List<? extends ConnectionCommand> commands, ConnectionHead head, Clock clock) {
        if (commands.isEmpty()) {
            return null;
        }
        var steps = new DecidedSteps(head.connectionId(), clock);
        steps.state = head.state();
        steps.nextSequence = head.nextSequence();
        steps.userId = head.userId();
        steps.finalId = head.finalId();
        return steps.decideAll(commands);
    }

    private Decision decideAll(List<? extends ConnectionCommand> commands) {
        for (ConnectionCommand command : commands) {
            step = newStepId();
            if (!accepts(command)) {
                return null;
            }
        }
        ConnectionHead head =
                state == CLOSED ? null : new ConnectionHead(connectionId, state, nextSequence, userId, finalId);
        return new Decision(events, head);
    }

    private void open(OpenConnection command) {
        Instant at = command.openedAt() == null ? clock.instant() : command.openedAt();
        state = OPENED;
        append(new ConnectionOpened(connectionId, command.nodeId(), command.remoteAddress(), at));
    }

    private boolean accepts(ConnectionCommand command) {
        if (state == CLOSED || !connectionId.equals(command.connectionId())) {
            return false;
        }
        if (command instanceof AuthenticateConnection authenticate) {
            if (state != OPENED || isBlank(authenticate.userId())) {
                return false;
            }
            state = AUTHENTICATED;
            userId = authenticate.userId();
            append(new ConnectionAuthenticated(connectionId, userId, authenticate.tokenExpiresAt(), clock.instant()));
            return true;
        }
        if (command instanceof MigrateConnectionId migrate) {
            String target = migrate.finalId();
            if (state == OPENED || finalId != null || isBlank(target) || target.equals(connectionId)) {
                return false;
            }
            finalId = target;
            Instant at = clock.instant();
            append(new ConnectionIdMigrated(connectionId, target, userId, at));
            append(target, 0, new FinalIdClaimed(target, connectionId, at));
            return true;
        }
        if (command instanceof MarkConnectionReady) {
            if (state != AUTHENTICATED || finalId == null) {
                return false;
            }
            state = READY;
            append(new ConnectionMarkedReady(connectionId, finalId, clock.instant()));
            return true;
        }
        if (command instanceof CloseConnection close) {
            Instant at = close.closedAt() == null ? clock.instant() : close.closedAt();
            append(new ConnectionClosed(connectionId, state, close.reason(), close.detail(), close.nodeId(), at));
            state = CLOSED;
            return true;
        }
        return false;
    }

    /** The next event of the connection's own stream. */
    private void append(Object payload) {
        append(connectionId, nextSequence++, payload);
    }

    /**
     * An event as the aggregate's unit of work would publish it: the metadata Axon's correlation data puts on an event
     * applied while handling a command (the command message's id as trace and correlation id).
     */
    private void append(String stream, long sequence, Object payload) {
        events.add(new GenericDomainEventMessage<>(
                STREAM_TYPE, stream, sequence, payload, MetaData.from(Map.of("traceId", step, "correlationId", step))));
    }

    private static String newStepId() {
        return IdentifierFactory.getInstance().generateIdentifier();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
