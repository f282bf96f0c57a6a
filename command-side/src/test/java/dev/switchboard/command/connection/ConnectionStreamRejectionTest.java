package dev.switchboard.command.connection;

import static dev.switchboard.api.connection.ConnectionState.AUTHENTICATED;
import static dev.switchboard.api.connection.ConnectionState.CLOSED;
import static dev.switchboard.api.connection.ConnectionState.OPENED;
import static dev.switchboard.api.connection.ConnectionState.READY;
import static dev.switchboard.api.connection.RejectionCode.CONNECTION_EXISTS;
import static dev.switchboard.api.connection.RejectionCode.FINAL_ID_TAKEN;
import static dev.switchboard.api.connection.RejectionCode.UNKNOWN_CONNECTION;
import static dev.switchboard.command.connection.ConnectionFixtures.ALICE;
import static dev.switchboard.command.connection.ConnectionFixtures.CONNECTION;
import static dev.switchboard.command.connection.ConnectionFixtures.FINAL;
import static dev.switchboard.command.connection.ConnectionFixtures.NODE;
import static dev.switchboard.command.connection.ConnectionFixtures.TOKEN_EXPIRES;
import static dev.switchboard.command.connection.ConnectionFixtures.authenticatedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.claimed;
import static dev.switchboard.command.connection.ConnectionFixtures.closedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.openedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.readyHistory;
import static dev.switchboard.command.connection.ConnectionRejectionTest.assertRefused;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.RecordRejection;
import dev.switchboard.command.connection.ConnectionRejectionTest.Refusal;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Refusals that do not depend on the connection's state: commands sent to a final id's stream, and refusals the
 * event store decided that the aggregate only records.
 */
class ConnectionStreamRejectionTest {

    @Nested
    @DisplayName("a final id's stream")
    class FinalIdStream {

        static Stream<Refusal> refusals() {
            String reason = "this is the final id of connection " + CONNECTION
                    + "; commands address a connection by the id it was opened with";
            return Stream.of(
                    new Refusal(
                            "cannot be authenticated",
                            new AuthenticateConnection(FINAL, ALICE, TOKEN_EXPIRES),
                            UNKNOWN_CONNECTION,
                            reason),
                    new Refusal(
                            "cannot be migrated",
                            new MigrateConnectionId(FINAL, "final-2"),
                            UNKNOWN_CONNECTION,
                            reason),
                    new Refusal("cannot be made ready", new MarkConnectionReady(FINAL), UNKNOWN_CONNECTION, reason),
                    new Refusal(
                            "cannot be closed",
                            new CloseConnection(FINAL, CloseReason.ADMIN_CLOSED, null, NODE),
                            UNKNOWN_CONNECTION,
                            reason));
        }

        /** A claim has no state, so the refusal reports none. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("refusals")
        void refusesCommandsBecauseItIsNotAConnection(Refusal refusal) {
            assertRefused(new Object[] {claimed()}, null, refusal);
        }

        @Test
        void recordsADuplicateOpenOfTheFinalIdOnTheClaim() {
            var record = new RecordRejection(
                    FINAL,
                    "OpenConnection",
                    Map.of("connectionId", FINAL, "nodeId", NODE),
                    CONNECTION_EXISTS,
                    "the id already has a history");
            assertRefused(
                    new Object[] {claimed()},
                    null,
                    new Refusal("duplicate open", record, CONNECTION_EXISTS, "the id already has a history"));
        }
    }

    @Nested
    @DisplayName("a refusal the event store decided")
    class StoreRefusal {

        static Stream<Arguments> everyConnectionState() {
            return Stream.of(
                    arguments(named("OPENED", openedHistory()), OPENED),
                    arguments(named("AUTHENTICATED", authenticatedHistory()), AUTHENTICATED),
                    arguments(named("READY", readyHistory()), READY),
                    arguments(named("CLOSED", closedHistory()), CLOSED));
        }

        @ParameterizedTest(name = "in state {0}")
        @MethodSource("everyConnectionState")
        void recordsADuplicateOpenWithTheStateItMet(Object[] history, ConnectionState state) {
            var record = new RecordRejection(
                    CONNECTION,
                    "OpenConnection",
                    Map.of("connectionId", CONNECTION, "nodeId", "node-b"),
                    CONNECTION_EXISTS,
                    "the id already has a history");
            assertRefused(
                    history,
                    state,
                    new Refusal("duplicate open", record, CONNECTION_EXISTS, "the id already has a history"));
        }

        @Test
        void recordsAFinalIdTakenByAnotherConnection() {
            var record = new RecordRejection(
                    CONNECTION,
                    "MigrateConnectionId",
                    Map.of("connectionId", CONNECTION, "finalId", FINAL),
                    FINAL_ID_TAKEN,
                    "final id " + FINAL + " is held by another connection");
            assertRefused(
                    authenticatedHistory(),
                    AUTHENTICATED,
                    new Refusal("final id taken", record, FINAL_ID_TAKEN, record.reason()));
        }
    }
}
