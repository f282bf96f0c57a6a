package dev.switchboard.command.connection;

import static dev.switchboard.api.connection.ConnectionState.AUTHENTICATED;
import static dev.switchboard.api.connection.ConnectionState.CLOSED;
import static dev.switchboard.api.connection.ConnectionState.OPENED;
import static dev.switchboard.api.connection.ConnectionState.READY;
import static dev.switchboard.api.connection.RejectionCode.ALREADY_AUTHENTICATED;
import static dev.switchboard.api.connection.RejectionCode.ALREADY_MIGRATED;
import static dev.switchboard.api.connection.RejectionCode.ALREADY_READY;
import static dev.switchboard.api.connection.RejectionCode.CONNECTION_CLOSED;
import static dev.switchboard.api.connection.RejectionCode.INVALID_FINAL_ID;
import static dev.switchboard.api.connection.RejectionCode.NOT_AUTHENTICATED;
import static dev.switchboard.api.connection.RejectionCode.NOT_MIGRATED;
import static dev.switchboard.api.connection.RejectionCode.USER_MISMATCH;
import static dev.switchboard.command.connection.ConnectionFixtures.ALICE;
import static dev.switchboard.command.connection.ConnectionFixtures.BOB;
import static dev.switchboard.command.connection.ConnectionFixtures.CONNECTION;
import static dev.switchboard.command.connection.ConnectionFixtures.FINAL;
import static dev.switchboard.command.connection.ConnectionFixtures.authenticateAs;
import static dev.switchboard.command.connection.ConnectionFixtures.authenticatedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.closed;
import static dev.switchboard.command.connection.ConnectionFixtures.closedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.fixture;
import static dev.switchboard.command.connection.ConnectionFixtures.markReady;
import static dev.switchboard.command.connection.ConnectionFixtures.migrateTo;
import static dev.switchboard.command.connection.ConnectionFixtures.migratedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.nameOf;
import static dev.switchboard.command.connection.ConnectionFixtures.opened;
import static dev.switchboard.command.connection.ConnectionFixtures.openedHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.readyHistory;
import static dev.switchboard.command.connection.ConnectionFixtures.rejected;
import static dev.switchboard.command.connection.ConnectionFixtures.rejection;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.RejectionCode;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The refused cells of the connection's state table. Each row reads as the behaviour it pins down; each one checks
 * the typed exception and that the refusal was recorded in the history despite the exception, which holds because
 * {@link ConnectionRejectedException} is checked and Axon commits on checked exceptions.
 */
class ConnectionRejectionTest {

    private static final String CLOSED_REASON = "the connection is closed";
    private static final String BAD_FINAL_ID = "a final id must be non-blank and differ from the preliminary id";
    private static final String NEEDS_AUTH_TO_MIGRATE = "only an authenticated connection takes a final id";
    private static final String HAS_FINAL_ID = "the connection already has final id " + FINAL;

    /** One refused cell; its {@code behaviour} is the test's display name. */
    record Refusal(String behaviour, ConnectionCommand command, RejectionCode code, String reason) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    static void assertRefused(Object[] history, ConnectionState stateMet, Refusal refusal) {
        var command = refusal.command();
        fixture()
                .given(history)
                .when(command)
                .expectException(rejection(command.connectionId(), nameOf(command), stateMet, refusal.code()))
                .expectEvents(rejected(command, stateMet, refusal.code(), refusal.reason()));
    }

    /** The same for every authenticated state: a binding to a user is made once and never changes. */
    private static Stream<Refusal> rebindingRefusals() {
        return Stream.of(
                new Refusal(
                        "cannot authenticate twice as the same user",
                        authenticateAs(ALICE),
                        ALREADY_AUTHENTICATED,
                        "the connection is already bound to this user"),
                new Refusal(
                        "cannot rebind to another user",
                        authenticateAs(BOB),
                        USER_MISMATCH,
                        "the connection is bound to another user, and a binding never changes"));
    }

    @Nested
    @DisplayName("an OPENED connection")
    class Opened {

        static Stream<Refusal> refusals() {
            return Stream.of(
                    new Refusal(
                            "cannot migrate before authenticating",
                            migrateTo(FINAL),
                            NOT_AUTHENTICATED,
                            NEEDS_AUTH_TO_MIGRATE),
                    new Refusal(
                            "cannot migrate, not even to an invalid id, before authenticating",
                            migrateTo(CONNECTION),
                            NOT_AUTHENTICATED,
                            NEEDS_AUTH_TO_MIGRATE),
                    new Refusal(
                            "cannot become ready before authenticating",
                            markReady(),
                            NOT_AUTHENTICATED,
                            "only an authenticated connection becomes ready"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("refusals")
        void refusesWhatNeedsAnAuthenticatedUser(Refusal refusal) {
            assertRefused(openedHistory(), OPENED, refusal);
        }
    }

    @Nested
    @DisplayName("an AUTHENTICATED connection without a final id")
    class Authenticated {

        static Stream<Refusal> refusals() {
            return Stream.concat(
                    rebindingRefusals(),
                    Stream.of(
                            new Refusal(
                                    "cannot become ready before migrating",
                                    markReady(),
                                    NOT_MIGRATED,
                                    "the connection has no final id yet"),
                            new Refusal(
                                    "cannot migrate to its own preliminary id",
                                    migrateTo(CONNECTION),
                                    INVALID_FINAL_ID,
                                    BAD_FINAL_ID),
                            new Refusal(
                                    "cannot migrate to a blank id", migrateTo("  "), INVALID_FINAL_ID, BAD_FINAL_ID),
                            new Refusal("cannot migrate to an empty id", migrateTo(""), INVALID_FINAL_ID, BAD_FINAL_ID),
                            new Refusal(
                                    "cannot migrate to a null id", migrateTo(null), INVALID_FINAL_ID, BAD_FINAL_ID)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("refusals")
        void refusesRebindingReadinessAndInvalidFinalIds(Refusal refusal) {
            assertRefused(authenticatedHistory(), AUTHENTICATED, refusal);
        }
    }

    @Nested
    @DisplayName("an AUTHENTICATED connection with a final id")
    class Migrated {

        static Stream<Refusal> refusals() {
            return Stream.concat(
                    rebindingRefusals(),
                    Stream.of(
                            new Refusal("cannot migrate twice", migrateTo("final-2"), ALREADY_MIGRATED, HAS_FINAL_ID),
                            new Refusal(
                                    "reports the second migration before the invalid id",
                                    migrateTo(CONNECTION),
                                    ALREADY_MIGRATED,
                                    HAS_FINAL_ID)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("refusals")
        void refusesRebindingAndASecondMigration(Refusal refusal) {
            assertRefused(migratedHistory(), AUTHENTICATED, refusal);
        }
    }

    @Nested
    @DisplayName("a READY connection")
    class Ready {

        static Stream<Refusal> refusals() {
            return Stream.concat(
                    rebindingRefusals(),
                    Stream.of(
                            new Refusal("cannot migrate again", migrateTo("final-2"), ALREADY_MIGRATED, HAS_FINAL_ID),
                            new Refusal(
                                    "cannot become ready twice",
                                    markReady(),
                                    ALREADY_READY,
                                    "the connection is already ready")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("refusals")
        void refusesEverythingButClose(Refusal refusal) {
            assertRefused(readyHistory(), READY, refusal);
        }
    }

    @Nested
    @DisplayName("a CLOSED connection")
    class Closed {

        static Stream<Refusal> refusals() {
            return Stream.of(
                    new Refusal(
                            "cannot authenticate as its own user",
                            authenticateAs(ALICE),
                            CONNECTION_CLOSED,
                            CLOSED_REASON),
                    new Refusal(
                            "cannot authenticate as another user",
                            authenticateAs(BOB),
                            CONNECTION_CLOSED,
                            CLOSED_REASON),
                    new Refusal("cannot migrate", migrateTo("final-2"), CONNECTION_CLOSED, CLOSED_REASON),
                    new Refusal("cannot become ready", markReady(), CONNECTION_CLOSED, CLOSED_REASON));
        }

        @ParameterizedTest(name = "after READY: {0}")
        @MethodSource("refusals")
        void refusesEverythingButClose(Refusal refusal) {
            assertRefused(closedHistory(), CLOSED, refusal);
        }

        @ParameterizedTest(name = "after OPENED: {0}")
        @MethodSource("refusals")
        void reportsTheCloseBeforeAnyMissingStep(Refusal refusal) {
            assertRefused(new Object[] {opened(), closed(OPENED)}, CLOSED, refusal);
        }
    }
}
