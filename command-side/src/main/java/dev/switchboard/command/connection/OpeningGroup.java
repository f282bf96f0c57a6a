package dev.switchboard.command.connection;

import static dev.switchboard.api.connection.ConnectionState.AUTHENTICATED;
import static dev.switchboard.api.connection.ConnectionState.OPENED;

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
 * The events of a group that opens a connection, decided without the aggregate. A new stream has no state to load: each
 * step's outcome follows from the steps before it in the group and from its own arguments, so the group's events can
 * go to the event store as one append, without a command dispatch, a unit of work and a repository per step (the
 * larger part of a handshake's CPU and allocation went there).
 *
 * <p>Only the steps the {@link Connection} aggregate accepts are decided here: an open, then authenticated, final id,
 * ready and a close, in the order the aggregate accepts them, each with arguments it accepts. Any other group (a step
 * the aggregate would refuse, a token refresh, anything after a close) is not decided here at all: {@link #decide}
 * answers null and the group goes through the aggregate, which records the refusal. Whether the id or the final id
 * already has a history is the store's to say: its unique key refuses the append, and the caller sends the group
 * again through the aggregate, as a group whose commit failed is sent. {@code OpeningGroupTest} holds every group this
 * decides to the events the aggregate appends for it.
 */
final class OpeningGroup {

    /** The aggregate type Axon names the connection's streams by (the class's simple name). */
    private static final String STREAM_TYPE = Connection.class.getSimpleName();

    private final String connectionId;
    private final Clock clock;
    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private ConnectionState state = OPENED;
    private String userId;
    private String finalId;
    private boolean closed;
    /** The id of the step being decided: it stands for the command message that is not sent. */
    private String step;

    private OpeningGroup(String connectionId, Clock clock) {
        this.connectionId = connectionId;
        this.clock = clock;
    }

    /**
     * The events the aggregate would append for {@code commands}, in the order it would append them.
     *
     * @return null when the group does not open a connection or holds a step this does not decide
     */
    static List<DomainEventMessage<?>> decide(List<? extends ConnectionCommand> commands, Clock clock) {
        if (commands.isEmpty() || !(commands.get(0) instanceof OpenConnection open) || isBlank(open.connectionId())) {
            return null;
        }
        var group = new OpeningGroup(open.connectionId(), clock);
        group.step = newStepId();
        group.open(open);
        for (ConnectionCommand command : commands.subList(1, commands.size())) {
            group.step = newStepId();
            if (!group.accepts(command)) {
                return null;
            }
        }
        return group.events;
    }

    private void open(OpenConnection command) {
        Instant at = command.openedAt() == null ? clock.instant() : command.openedAt();
        append(connectionId, 0, new ConnectionOpened(connectionId, command.nodeId(), command.remoteAddress(), at));
    }

    private boolean accepts(ConnectionCommand command) {
        if (closed || !connectionId.equals(command.connectionId())) {
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
            if (state != AUTHENTICATED || finalId != null || isBlank(target) || target.equals(connectionId)) {
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
            state = ConnectionState.READY;
            append(new ConnectionMarkedReady(connectionId, finalId, clock.instant()));
            return true;
        }
        if (command instanceof CloseConnection close) {
            Instant at = close.closedAt() == null ? clock.instant() : close.closedAt();
            append(new ConnectionClosed(connectionId, state, close.reason(), close.detail(), close.nodeId(), at));
            closed = true;
            return true;
        }
        return false;
    }

    /** The next event of the connection's own stream. */
    private void append(Object payload) {
        long sequence = 0;
        for (DomainEventMessage<?> event : events) {
            if (event.getAggregateIdentifier().equals(connectionId)) {
                sequence = event.getSequenceNumber() + 1;
            }
        }
        append(connectionId, sequence, payload);
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
