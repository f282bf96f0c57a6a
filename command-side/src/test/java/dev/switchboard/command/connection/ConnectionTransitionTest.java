package dev.switchboard.command.connection;

import static dev.switchboard.api.connection.ConnectionState.AUTHENTICATED;
import static dev.switchboard.api.connection.ConnectionState.OPENED;
import static dev.switchboard.api.connection.ConnectionState.READY;
import static dev.switchboard.command.connection.ConnectionFixtures.ALICE;
import static dev.switchboard.command.connection.ConnectionFixtures.CONNECTION;
import static dev.switchboard.command.connection.ConnectionFixtures.FINAL;
import static dev.switchboard.command.connection.ConnectionFixtures.NODE;
import static dev.switchboard.command.connection.ConnectionFixtures.authenticateAs;
import static dev.switchboard.command.connection.ConnectionFixtures.authenticated;
import static dev.switchboard.command.connection.ConnectionFixtures.authenticatedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.claimed;
import static dev.switchboard.command.connection.ConnectionFixtures.close;
import static dev.switchboard.command.connection.ConnectionFixtures.closed;
import static dev.switchboard.command.connection.ConnectionFixtures.closedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.fixture;
import static dev.switchboard.command.connection.ConnectionFixtures.markReady;
import static dev.switchboard.command.connection.ConnectionFixtures.markedReady;
import static dev.switchboard.command.connection.ConnectionFixtures.migrateTo;
import static dev.switchboard.command.connection.ConnectionFixtures.migrated;
import static dev.switchboard.command.connection.ConnectionFixtures.migratedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.opened;
import static dev.switchboard.command.connection.ConnectionFixtures.openedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.readyHistory;

import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.OpenConnection;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The accepted cells of the connection's state table, one state per nested class; the refused cells are in
 * {@link ConnectionRejectionTest}.
 */
class ConnectionTransitionTest {

    @Nested
    @DisplayName("an id with no history")
    class NoHistory {

        @Test
        void opensAConnectionOnTheNodeThatHoldsItsSocket() {
            fixture()
                    .givenNoPriorActivity()
                    .when(new OpenConnection(CONNECTION, NODE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(opened());
        }

        @Test
        void opensAtTheUpgradesTimeWhenTheCommandCarriesIt() {
            Instant upgradedAt = ConnectionFixtures.NOW.minusSeconds(3);
            fixture()
                    .givenNoPriorActivity()
                    .when(new OpenConnection(CONNECTION, NODE, "10.0.0.7", upgradedAt))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ConnectionOpened(CONNECTION, NODE, "10.0.0.7", upgradedAt));
        }
    }

    @Nested
    @DisplayName("an OPENED connection")
    class Opened {

        @Test
        void authenticatesAsTheTokensUser() {
            fixture()
                    .given(openedHistory())
                    .when(authenticateAs(ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(authenticated());
        }

        @Test
        void closesBeforeItWasEverAuthenticated() {
            fixture()
                    .given(openedHistory())
                    .when(close())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(closed(OPENED));
        }
    }

    @Nested
    @DisplayName("an AUTHENTICATED connection without a final id")
    class Authenticated {

        /**
         * The fixture reports the claim on the final id's stream as a published event after the migration, so both
         * appear here. It publishes the claim as a plain event message, not as event 0 of the final id's stream;
         * {@link ConnectionModelTest} checks the stream placement against a real event store.
         */
        @Test
        void migratesToItsFinalIdAndClaimsTheFinalIdsStream() {
            fixture()
                    .given(authenticatedHistory())
                    .when(migrateTo(FINAL))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(migrated(), claimed());
        }

        @Test
        void closesWithoutAFinalId() {
            fixture()
                    .given(authenticatedHistory())
                    .when(close())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(closed(AUTHENTICATED));
        }
    }

    @Nested
    @DisplayName("an AUTHENTICATED connection with a final id")
    class Migrated {

        @Test
        void becomesReadyUnderItsFinalId() {
            fixture()
                    .given(migratedHistory())
                    .when(markReady())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(markedReady());
        }

        @Test
        void closesBeforeItBecameReady() {
            fixture()
                    .given(migratedHistory())
                    .when(close())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(closed(AUTHENTICATED));
        }
    }

    @Nested
    @DisplayName("a READY connection")
    class Ready {

        @Test
        void closesAndRecordsThatItWasReady() {
            fixture()
                    .given(readyHistory())
                    .when(close())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(closed(READY));
        }

        @Test
        void closesAtTheClosesTimeWhenTheCommandCarriesIt() {
            Instant closedAt = ConnectionFixtures.NOW.minusSeconds(30);
            fixture()
                    .given(readyHistory())
                    .when(new CloseConnection(
                            CONNECTION, CloseReason.CLIENT_CLOSED, "client went away", NODE, closedAt))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ConnectionClosed(
                            CONNECTION, READY, CloseReason.CLIENT_CLOSED, "client went away", NODE, closedAt));
        }
    }

    @Nested
    @DisplayName("a CLOSED connection")
    class Closed {

        @Test
        void acceptsASecondCloseAndChangesNothing() {
            fixture()
                    .given(closedHistory())
                    .when(close())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void acceptsASecondCloseEvenWhenItNeverAuthenticated() {
            fixture()
                    .given(opened(), closed(OPENED))
                    .when(close())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }
}
