package dev.switchboard.command.connection;

import static dev.switchboard.api.connection.ConnectionState.READY;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RecordRejection;
import dev.switchboard.api.connection.RefreshConnectionToken;
import dev.switchboard.api.connection.RejectionCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Ids, histories, commands and expected rejections shared by the fixture tests of {@link Connection}. */
final class ConnectionFixtures {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Instant TOKEN_EXPIRES = NOW.plus(Duration.ofHours(1));
    static final String CONNECTION = "pre-1";
    static final String FINAL = "final-1";
    static final String NODE = "node-a";
    static final String ALICE = "alice";
    static final String BOB = "bob";

    private ConnectionFixtures() {}

    static AggregateTestFixture<Connection> fixture() {
        var fixture = new AggregateTestFixture<>(Connection.class);
        fixture.registerInjectableResource(CLOCK);
        return fixture;
    }

    static ConnectionOpened opened() {
        return new ConnectionOpened(CONNECTION, NODE, NOW);
    }

    static ConnectionAuthenticated authenticated() {
        return new ConnectionAuthenticated(CONNECTION, ALICE, TOKEN_EXPIRES, NOW);
    }

    static ConnectionIdMigrated migrated() {
        return new ConnectionIdMigrated(CONNECTION, FINAL, ALICE, NOW);
    }

    static FinalIdClaimed claimed() {
        return new FinalIdClaimed(FINAL, CONNECTION, NOW);
    }

    static ConnectionMarkedReady markedReady() {
        return new ConnectionMarkedReady(CONNECTION, FINAL, NOW);
    }

    static ConnectionClosed closed(ConnectionState stateBefore) {
        return new ConnectionClosed(CONNECTION, stateBefore, CloseReason.CLIENT_CLOSED, "client went away", NODE, NOW);
    }

    static Object[] openedHistory() {
        return new Object[] {opened()};
    }

    static Object[] authenticatedHistory() {
        return new Object[] {opened(), authenticated()};
    }

    /** AUTHENTICATED with a final id: migration changes no state, only the final id. */
    static Object[] migratedHistory() {
        return new Object[] {opened(), authenticated(), migrated()};
    }

    static Object[] readyHistory() {
        return new Object[] {opened(), authenticated(), migrated(), markedReady()};
    }

    static Object[] closedHistory() {
        return new Object[] {opened(), authenticated(), migrated(), markedReady(), closed(READY)};
    }

    static AuthenticateConnection authenticateAs(String userId) {
        return new AuthenticateConnection(CONNECTION, userId, TOKEN_EXPIRES);
    }

    static MigrateConnectionId migrateTo(String finalId) {
        return new MigrateConnectionId(CONNECTION, finalId);
    }

    static MarkConnectionReady markReady() {
        return new MarkConnectionReady(CONNECTION);
    }

    static CloseConnection close() {
        return new CloseConnection(CONNECTION, CloseReason.CLIENT_CLOSED, "client went away", NODE);
    }

    /** The event a refused command leaves in the history; the arguments are spelled out, not derived. */
    static ConnectionCommandRejected rejected(
            ConnectionCommand command, ConnectionState stateMet, RejectionCode code, String reason) {
        return new ConnectionCommandRejected(
                command.connectionId(), nameOf(command), argumentsOf(command), stateMet, code, reason, NOW);
    }

    /** A recorded refusal names the command the store refused, not the record command that carries it. */
    static String nameOf(ConnectionCommand command) {
        return command instanceof RecordRejection record
                ? record.command()
                : command.getClass().getSimpleName();
    }

    static Map<String, String> argumentsOf(ConnectionCommand command) {
        String id = command.connectionId();
        if (command instanceof OpenConnection c) {
            return Map.of(
                    "connectionId",
                    id,
                    "nodeId",
                    String.valueOf(c.nodeId()),
                    "remoteAddress",
                    String.valueOf(c.remoteAddress()),
                    "openedAt",
                    String.valueOf(c.openedAt()));
        }
        if (command instanceof AuthenticateConnection c) {
            return Map.of(
                    "connectionId",
                    id,
                    "userId",
                    String.valueOf(c.userId()),
                    "tokenExpiresAt",
                    String.valueOf(c.tokenExpiresAt()));
        }
        if (command instanceof RefreshConnectionToken c) {
            return Map.of(
                    "connectionId",
                    id,
                    "userId",
                    String.valueOf(c.userId()),
                    "tokenExpiresAt",
                    String.valueOf(c.tokenExpiresAt()));
        }
        if (command instanceof MigrateConnectionId c) {
            return Map.of("connectionId", id, "finalId", String.valueOf(c.finalId()));
        }
        if (command instanceof MarkConnectionReady) {
            return Map.of("connectionId", id);
        }
        if (command instanceof CloseConnection c) {
            return Map.of(
                    "connectionId",
                    id,
                    "reason",
                    String.valueOf(c.reason()),
                    "detail",
                    String.valueOf(c.detail()),
                    "nodeId",
                    String.valueOf(c.nodeId()),
                    "closedAt",
                    String.valueOf(c.closedAt()));
        }
        if (command instanceof RecordRejection c) {
            return c.arguments();
        }
        throw new IllegalArgumentException("no arguments known for " + command);
    }

    /**
     * Matches the typed refusal. The snake_case code is read back from the message, which is what logs show, so a
     * code that lost its snake_case form would fail here and not only in the enum's own test.
     */
    static Matcher<ConnectionRejectedException> rejection(
            String connectionId, String command, ConnectionState state, RejectionCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ConnectionRejectedException e) {
                return Objects.equals(e.connectionId(), connectionId)
                        && Objects.equals(e.command(), command)
                        && e.state() == state
                        && e.code() == code
                        && e.getMessage().endsWith("(" + code.code() + ")");
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("ConnectionRejectedException of " + command + " on " + connectionId
                        + " in state " + state + " with code " + code + " (" + code.code() + ")");
            }

            @Override
            protected void describeMismatchSafely(ConnectionRejectedException e, Description description) {
                description.appendText("was " + e.command() + " on " + e.connectionId() + " in state " + e.state()
                        + " with code " + e.code() + ": " + e.getMessage());
            }
        };
    }
}
