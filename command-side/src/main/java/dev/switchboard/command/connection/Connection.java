package dev.switchboard.command.connection;

import static dev.switchboard.api.connection.ConnectionState.AUTHENTICATED;
import static dev.switchboard.api.connection.ConnectionState.CLOSED;
import static dev.switchboard.api.connection.ConnectionState.OPENED;
import static dev.switchboard.api.connection.ConnectionState.READY;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.ConnectionTokenRefreshed;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RecordRejection;
import dev.switchboard.api.connection.RefreshConnectionToken;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.cache.AggregateCache;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One WebSocket connection's state machine: OPENED → AUTHENTICATED → (final id) → READY, and CLOSED from anywhere.
 *
 * <p>The stream is addressed by the preliminary id for the connection's whole life. Migrating to the final id creates
 * a second, one-event stream under the final id in the same unit of work, so the event table's unique key on
 * (aggregate id, sequence) is what makes a final id unique: two connections claiming it cannot both commit.
 *
 * <p>Time comes from the command (an upgrade's instant) or the injected {@link Clock}, never from the system, so a
 * replay is deterministic.
 */
@Aggregate(cache = AggregateCache.CONNECTIONS, commandTargetResolver = ConnectionTargets.BEAN)
class Connection {

    @AggregateIdentifier
    private String connectionId;

    private ConnectionState state;
    private String userId;
    private String finalId;
    /** Set when this stream is a final id's claim rather than a connection: the connection it points to. */
    private String claimedBy;

    Connection() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    Connection(OpenConnection command, Clock clock) {
        var at = command.openedAt() == null ? clock.instant() : command.openedAt();
        apply(new ConnectionOpened(command.connectionId(), command.nodeId(), command.remoteAddress(), at));
    }

    private Connection(FinalIdClaimed claim) {
        apply(claim);
    }

    @CommandHandler
    void handle(AuthenticateConnection command, Clock clock) throws ConnectionRejectedException {
        requireLiveConnection(command, clock);
        if (state != OPENED) {
            boolean sameUser = Objects.equals(userId, command.userId());
            reject(
                    command,
                    sameUser ? RejectionCode.ALREADY_AUTHENTICATED : RejectionCode.USER_MISMATCH,
                    sameUser
                            ? "the connection is already bound to this user"
                            : "the connection is bound to another user, and a binding never changes",
                    clock);
        }
        if (command.userId() == null || command.userId().isBlank()) {
            reject(command, RejectionCode.INVALID_USER_ID, "a connection is bound to a non-blank user id", clock);
        }
        apply(new ConnectionAuthenticated(connectionId, command.userId(), command.tokenExpiresAt(), clock.instant()));
    }

    @CommandHandler
    void handle(RefreshConnectionToken command, Clock clock) throws ConnectionRejectedException {
        requireLiveConnection(command, clock);
        if (state == OPENED) {
            reject(
                    command,
                    RejectionCode.NOT_AUTHENTICATED,
                    "only an authenticated connection refreshes its token",
                    clock);
        }
        if (!userId.equals(command.userId())) {
            reject(
                    command,
                    RejectionCode.USER_MISMATCH,
                    "the connection is bound to another user, and a binding never changes",
                    clock);
        }
        apply(new ConnectionTokenRefreshed(connectionId, command.tokenExpiresAt(), clock.instant()));
    }

    @CommandHandler
    void handle(MigrateConnectionId command, Clock clock) throws Exception {
        requireLiveConnection(command, clock);
        if (state == OPENED) {
            reject(
                    command,
                    RejectionCode.NOT_AUTHENTICATED,
                    "only an authenticated connection takes a final id",
                    clock);
        }
        if (finalId != null) {
            reject(command, RejectionCode.ALREADY_MIGRATED, "the connection already has final id " + finalId, clock);
        }
        String target = command.finalId();
        if (target == null || target.isBlank() || target.equals(connectionId)) {
            reject(
                    command,
                    RejectionCode.INVALID_FINAL_ID,
                    "a final id must be non-blank and differ from the preliminary id",
                    clock);
        }
        var at = clock.instant();
        apply(new ConnectionIdMigrated(connectionId, target, userId, at));
        createNew(Connection.class, () -> new Connection(new FinalIdClaimed(target, connectionId, at)));
    }

    @CommandHandler
    void handle(MarkConnectionReady command, Clock clock) throws ConnectionRejectedException {
        requireLiveConnection(command, clock);
        if (state == OPENED) {
            reject(command, RejectionCode.NOT_AUTHENTICATED, "only an authenticated connection becomes ready", clock);
        }
        if (state == READY) {
            reject(command, RejectionCode.ALREADY_READY, "the connection is already ready", clock);
        }
        if (finalId == null) {
            reject(command, RejectionCode.NOT_MIGRATED, "the connection has no final id yet", clock);
        }
        apply(new ConnectionMarkedReady(connectionId, finalId, clock.instant()));
    }

    @CommandHandler
    void handle(CloseConnection command, Clock clock) throws ConnectionRejectedException {
        requireConnectionStream(command, clock);
        if (state == CLOSED) {
            return; // a network close and a server close race all the time; the second changes nothing
        }
        var at = command.closedAt() == null ? clock.instant() : command.closedAt();
        apply(new ConnectionClosed(connectionId, state, command.reason(), command.detail(), command.nodeId(), at));
    }

    @CommandHandler
    void handle(RecordRejection command, Clock clock) throws ConnectionRejectedException {
        throw rejection(command.command(), command.arguments(), command.code(), command.reason(), clock);
    }

    private void requireLiveConnection(ConnectionCommand command, Clock clock) throws ConnectionRejectedException {
        requireConnectionStream(command, clock);
        if (state == CLOSED) {
            reject(command, RejectionCode.CONNECTION_CLOSED, "the connection is closed", clock);
        }
    }

    private void requireConnectionStream(ConnectionCommand command, Clock clock) throws ConnectionRejectedException {
        if (claimedBy != null) {
            reject(
                    command,
                    RejectionCode.UNKNOWN_CONNECTION,
                    "this is the final id of connection " + claimedBy
                            + "; commands address a connection by the id it was opened with",
                    clock);
        }
    }

    private void reject(ConnectionCommand command, RejectionCode code, String reason, Clock clock)
            throws ConnectionRejectedException {
        throw rejection(command.getClass().getSimpleName(), CommandArguments.of((Record) command), code, reason, clock);
    }

    /** Applies the rejection to the history and returns the exception for the caller to throw. */
    private ConnectionRejectedException rejection(
            String command, Map<String, String> arguments, RejectionCode code, String reason, Clock clock) {
        apply(new ConnectionCommandRejected(connectionId, command, arguments, state, code, reason, clock.instant()));
        return new ConnectionRejectedException(connectionId, state, command, code, reason);
    }

    /** The state as the event-sourcing handlers left it, for {@link ConnectionReplay}. */
    ConnectionSnapshot snapshot() {
        return new ConnectionSnapshot(connectionId, state, userId, finalId, claimedBy);
    }

    @EventSourcingHandler
    void on(ConnectionOpened event) {
        connectionId = event.connectionId();
        state = OPENED;
    }

    @EventSourcingHandler
    void on(ConnectionAuthenticated event) {
        state = AUTHENTICATED;
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(ConnectionIdMigrated event) {
        finalId = event.finalId();
    }

    @EventSourcingHandler
    void on(FinalIdClaimed event) {
        connectionId = event.finalId();
        claimedBy = event.connectionId();
    }

    @EventSourcingHandler
    void on(ConnectionMarkedReady event) {
        state = READY;
    }

    @EventSourcingHandler
    void on(ConnectionClosed event) {
        state = CLOSED;
    }
}
