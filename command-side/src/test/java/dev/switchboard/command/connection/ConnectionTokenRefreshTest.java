package dev.switchboard.command.connection;

import static dev.switchboard.command.connection.ConnectionFixtures.ALICE;
import static dev.switchboard.command.connection.ConnectionFixtures.BOB;
import static dev.switchboard.command.connection.ConnectionFixtures.CONNECTION;
import static dev.switchboard.command.connection.ConnectionFixtures.NOW;
import static dev.switchboard.command.connection.ConnectionFixtures.authenticateAs;
import static dev.switchboard.command.connection.ConnectionFixtures.authenticatedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.closedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.fixture;
import static dev.switchboard.command.connection.ConnectionFixtures.openedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.readyHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.rejected;
import static dev.switchboard.command.connection.ConnectionFixtures.rejection;

import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.ConnectionTokenRefreshed;
import dev.switchboard.api.connection.RefreshConnectionToken;
import dev.switchboard.api.connection.RejectionCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A second {@code auth} for the same user extends the connection's life; any other user is refused. */
class ConnectionTokenRefreshTest {

    private static final Instant LATER = NOW.plus(Duration.ofHours(2));

    @Test
    void aReadyConnectionRefreshesItsTokenForItsOwnUser() {
        fixture()
                .given(readyHistory())
                .when(new RefreshConnectionToken(CONNECTION, ALICE, LATER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConnectionTokenRefreshed(CONNECTION, LATER, NOW));
    }

    @Test
    void anAuthenticatedConnectionRefreshesItsTokenForItsOwnUser() {
        fixture()
                .given(authenticatedHistory())
                .when(new RefreshConnectionToken(CONNECTION, ALICE, LATER))
                .expectEvents(new ConnectionTokenRefreshed(CONNECTION, LATER, NOW));
    }

    @Test
    void cannotRefreshAsAnotherUser() {
        var command = new RefreshConnectionToken(CONNECTION, BOB, LATER);
        fixture()
                .given(readyHistory())
                .when(command)
                .expectException(rejection(
                        CONNECTION, "RefreshConnectionToken", ConnectionState.READY, RejectionCode.USER_MISMATCH))
                .expectEvents(rejected(
                        command,
                        ConnectionState.READY,
                        RejectionCode.USER_MISMATCH,
                        "the connection is bound to another user, and a binding never changes"));
    }

    @Test
    void cannotRefreshBeforeAuthenticating() {
        var command = new RefreshConnectionToken(CONNECTION, ALICE, LATER);
        fixture()
                .given(openedHistory())
                .when(command)
                .expectException(rejection(
                        CONNECTION, "RefreshConnectionToken", ConnectionState.OPENED, RejectionCode.NOT_AUTHENTICATED));
    }

    @Test
    void cannotRefreshAClosedConnection() {
        fixture()
                .given(closedHistory())
                .when(new RefreshConnectionToken(CONNECTION, ALICE, LATER))
                .expectException(rejection(
                        CONNECTION, "RefreshConnectionToken", ConnectionState.CLOSED, RejectionCode.CONNECTION_CLOSED));
    }

    @Test
    void cannotBindABlankUser() {
        var command = authenticateAs(" ");
        fixture()
                .given(openedHistory())
                .when(command)
                .expectException(rejection(
                        CONNECTION, "AuthenticateConnection", ConnectionState.OPENED, RejectionCode.INVALID_USER_ID))
                .expectEvents(rejected(
                        command,
                        ConnectionState.OPENED,
                        RejectionCode.INVALID_USER_ID,
                        "a connection is bound to a non-blank user id"));
    }

    @Test
    void aNullUserIsRefusedWithTheTypedRejectionNotACrash() {
        fixture()
                .given(openedHistory())
                .when(authenticateAs(null))
                .expectException(rejection(
                        CONNECTION, "AuthenticateConnection", ConnectionState.OPENED, RejectionCode.INVALID_USER_ID));
    }
}
