package dev.switchboard.testsupport;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionTokenRefreshed;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RefreshConnectionToken;
import dev.switchboard.api.connection.RejectionCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command that left a recorded event: every accepted command leaves one event, every refused one its record. */
final class RecordedCommands {

    /**
     * Refusals the event store decided (its unique key refused an append), which {@code ConnectionCommands} then
     * recorded. An aggregate alone cannot re-make them, having no other stream to collide with: they are replayed
     * against a store that holds what the log held ({@link RecordedStepFixture#expectRefusedByTheStore}).
     */
    static final Set<RejectionCode> DECIDED_BY_THE_STORE =
            Set.of(RejectionCode.CONNECTION_EXISTS, RejectionCode.FINAL_ID_TAKEN);

    private RecordedCommands() {}

    /** The command an accepted event answers; {@code history} is the stream before it. */
    static ConnectionCommand accepted(ConnectionEvent event, List<ConnectionEvent> history) {
        if (event instanceof ConnectionOpened e) {
            return new OpenConnection(e.connectionId(), e.nodeId(), e.remoteAddress(), e.at());
        } else if (event instanceof ConnectionAuthenticated e) {
            return new AuthenticateConnection(e.connectionId(), e.userId(), e.tokenExpiresAt());
        } else if (event instanceof ConnectionTokenRefreshed e) {
            return new RefreshConnectionToken(e.connectionId(), userOf(history), e.tokenExpiresAt());
        } else if (event instanceof ConnectionIdMigrated e) {
            return new MigrateConnectionId(e.connectionId(), e.finalId());
        } else if (event instanceof ConnectionMarkedReady e) {
            return new MarkConnectionReady(e.connectionId());
        } else if (event instanceof ConnectionClosed e) {
            return new CloseConnection(e.connectionId(), e.reason(), e.detail(), e.nodeId());
        }
        throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not the answer to one command");
    }

    /** The refused command, rebuilt from the name and the arguments its record kept. */
    static ConnectionCommand refused(ConnectionCommandRejected rejected) {
        Map<String, String> arguments = rejected.arguments();
        String id = text(arguments, "connectionId");
        return switch (rejected.command()) {
            case "OpenConnection" ->
                new OpenConnection(
                        id,
                        text(arguments, "nodeId"),
                        text(arguments, "remoteAddress"),
                        instant(arguments, "openedAt"));
            case "AuthenticateConnection" ->
                new AuthenticateConnection(id, text(arguments, "userId"), instant(arguments, "tokenExpiresAt"));
            case "RefreshConnectionToken" ->
                new RefreshConnectionToken(id, text(arguments, "userId"), instant(arguments, "tokenExpiresAt"));
            case "MigrateConnectionId" -> new MigrateConnectionId(id, text(arguments, "finalId"));
            case "MarkConnectionReady" -> new MarkConnectionReady(id);
            case "CloseConnection" ->
                new CloseConnection(
                        id,
                        closeReason(arguments),
                        text(arguments, "detail"),
                        text(arguments, "nodeId"),
                        instant(arguments, "closedAt"));
            default ->
                throw new IllegalArgumentException("cannot rebuild a " + rejected.command()
                        + " from its record; add it here when the command is added");
        };
    }

    private static String userOf(List<ConnectionEvent> history) {
        return history.stream()
                .filter(ConnectionAuthenticated.class::isInstance)
                .map(e -> ((ConnectionAuthenticated) e).userId())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a token refresh on a stream never authenticated"));
    }

    /**
     * The record keeps {@code String.valueOf(value)}, so a null is the text "null"; no id, user or reason is ever
     * that word, so reading it back as null is safe.
     */
    private static String text(Map<String, String> arguments, String name) {
        String value = arguments.get(name);
        return value == null || value.equals("null") ? null : value;
    }

    private static CloseReason closeReason(Map<String, String> arguments) {
        String value = text(arguments, "reason");
        return value == null ? null : CloseReason.valueOf(value);
    }

    private static Instant instant(Map<String, String> arguments, String name) {
        String value = text(arguments, name);
        return value == null ? null : Instant.parse(value);
    }
}
