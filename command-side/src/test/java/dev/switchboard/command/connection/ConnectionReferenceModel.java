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
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.ConnectionTokenRefreshed;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RefreshConnectionToken;
import dev.switchboard.api.connection.RejectionCode;
import java.time.Instant;
import java.util.List;

/**
 * The connection's state table written as the plainest code that could encode it, with nothing of Axon in it, so
 * {@link ConnectionModelTest} can hold the aggregate against it. It knows one connection and the final id it may
 * claim; a command to any other id meets no history.
 *
 * <p>Refusals carry the rejection event with a null reason: the wording is the aggregate's business, the code is the
 * contract.
 */
final class ConnectionReferenceModel {

    /** What one connection id and its final id look like; {@code state} is null before the connection opens. */
    record State(ConnectionState state, String userId, String finalId) {
        static final State NONE = new State(null, null, null);
    }

    sealed interface Outcome permits Accepted, Refused {
        /** The events the command leaves in the log, in order; they may belong to different streams. */
        List<ConnectionEvent> events();
    }

    record Accepted(State next, List<ConnectionEvent> events) implements Outcome {}

    /** {@code byStore}: the store, not the aggregate, refuses it, so the aggregate records nothing. */
    record Refused(RejectionCode code, ConnectionState stateMet, boolean byStore, List<ConnectionEvent> events)
            implements Outcome {}

    private final Instant now;

    ConnectionReferenceModel(Instant now) {
        this.now = now;
    }

    Outcome step(State s, String connectionId, ConnectionCommand command) {
        if (!command.connectionId().equals(connectionId)) {
            return addressedToFinalId(s, command);
        }
        if (s.state() == null) {
            return command instanceof OpenConnection open
                    ? accept(new State(OPENED, null, null), new ConnectionOpened(connectionId, open.nodeId(), now))
                    : refusedByStore(RejectionCode.UNKNOWN_CONNECTION, null);
        }
        if (command instanceof OpenConnection) {
            return refusedByStore(RejectionCode.CONNECTION_EXISTS, s.state());
        }
        if (command instanceof CloseConnection close) {
            return s.state() == CLOSED
                    ? accept(s)
                    : accept(
                            new State(CLOSED, s.userId(), s.finalId()),
                            new ConnectionClosed(
                                    connectionId, s.state(), close.reason(), close.detail(), close.nodeId(), now));
        }
        if (s.state() == CLOSED) {
            return refuse(s, command, RejectionCode.CONNECTION_CLOSED);
        }
        if (command instanceof AuthenticateConnection authenticate) {
            if (s.state() != OPENED) {
                return refuse(
                        s,
                        command,
                        authenticate.userId().equals(s.userId())
                                ? RejectionCode.ALREADY_AUTHENTICATED
                                : RejectionCode.USER_MISMATCH);
            }
            return accept(
                    new State(AUTHENTICATED, authenticate.userId(), null),
                    new ConnectionAuthenticated(
                            connectionId, authenticate.userId(), authenticate.tokenExpiresAt(), now));
        }
        if (command instanceof RefreshConnectionToken refresh) {
            if (s.state() == OPENED) {
                return refuse(s, command, RejectionCode.NOT_AUTHENTICATED);
            }
            if (!refresh.userId().equals(s.userId())) {
                return refuse(s, command, RejectionCode.USER_MISMATCH);
            }
            return accept(s, new ConnectionTokenRefreshed(connectionId, refresh.tokenExpiresAt(), now));
        }
        if (command instanceof MigrateConnectionId migrate) {
            String target = migrate.finalId();
            if (s.state() == OPENED) {
                return refuse(s, command, RejectionCode.NOT_AUTHENTICATED);
            }
            if (s.finalId() != null) {
                return refuse(s, command, RejectionCode.ALREADY_MIGRATED);
            }
            if (target == null || target.isBlank() || target.equals(connectionId)) {
                return refuse(s, command, RejectionCode.INVALID_FINAL_ID);
            }
            return accept(
                    new State(s.state(), s.userId(), target),
                    new ConnectionIdMigrated(connectionId, target, s.userId(), now),
                    new FinalIdClaimed(target, connectionId, now));
        }
        if (command instanceof MarkConnectionReady) {
            return switch (s.state()) {
                case OPENED -> refuse(s, command, RejectionCode.NOT_AUTHENTICATED);
                case READY -> refuse(s, command, RejectionCode.ALREADY_READY);
                default ->
                    s.finalId() == null
                            ? refuse(s, command, RejectionCode.NOT_MIGRATED)
                            : accept(
                                    new State(READY, s.userId(), s.finalId()),
                                    new ConnectionMarkedReady(connectionId, s.finalId(), now));
            };
        }
        throw new IllegalArgumentException("the model has no row for " + command);
    }

    /** A claimed final id refuses every command and records it on its own stream; any other id is unknown. */
    private Outcome addressedToFinalId(State s, ConnectionCommand command) {
        if (!command.connectionId().equals(s.finalId())) {
            return refusedByStore(RejectionCode.UNKNOWN_CONNECTION, null);
        }
        return new Refused(
                RejectionCode.UNKNOWN_CONNECTION,
                null,
                false,
                List.of(rejection(command, null, RejectionCode.UNKNOWN_CONNECTION)));
    }

    private static Accepted accept(State next, ConnectionEvent... events) {
        return new Accepted(next, List.of(events));
    }

    private Refused refuse(State s, ConnectionCommand command, RejectionCode code) {
        return new Refused(code, s.state(), false, List.of(rejection(command, s.state(), code)));
    }

    private static Refused refusedByStore(RejectionCode code, ConnectionState stateMet) {
        return new Refused(code, stateMet, true, List.of());
    }

    ConnectionCommandRejected rejection(ConnectionCommand command, ConnectionState stateMet, RejectionCode code) {
        return new ConnectionCommandRejected(
                command.connectionId(),
                ConnectionFixtures.nameOf(command),
                ConnectionFixtures.argumentsOf(command),
                stateMet,
                code,
                null,
                now);
    }
}
