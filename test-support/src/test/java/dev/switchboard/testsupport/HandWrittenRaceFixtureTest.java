package dev.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionTokenRefreshed;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RefreshConnectionToken;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.audit.fixture.RaceFixtureExporter;
import dev.switchboard.audit.log.LoggedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paths the three recorded races do not take, on a history written by hand in the log's own terms. */
class HandWrittenRaceFixtureTest {

    private static final Instant AT = Instant.parse("2025-06-01T12:00:00.123456789Z");
    private static final Instant EXPIRY = Instant.parse("2025-06-01T13:00:00Z");

    private final List<LoggedEvent> log = new ArrayList<>();

    private void append(String streamId, long sequence, Object payload) {
        log.add(new LoggedEvent(log.size() + 1, AT, "event-" + (log.size() + 1), streamId, sequence, payload));
    }

    private RaceFixture race() {
        return RaceFixture.of(new RaceFixtureExporter().fixture("hand-written", "paths not recorded", log));
    }

    private void migratedConnection() {
        append("pre-1", 0, new ConnectionOpened("pre-1", "node-a", AT));
        append("pre-1", 1, new ConnectionAuthenticated("pre-1", "ann", EXPIRY, AT));
        append("pre-1", 2, new ConnectionIdMigrated("pre-1", "final-1", "ann", AT));
        append("final-1", 0, new FinalIdClaimed("final-1", "pre-1", AT));
    }

    private static Map<String, String> arguments(String... pairs) {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            arguments.put(pairs[i], pairs[i + 1]);
        }
        return arguments;
    }

    @Test
    void aCommandForAnIdWithNoStreamReplaysAsAConnectionTheAggregateCannotLoad() {
        append(
                "event-1",
                0,
                new ConnectionCommandRejected(
                        "ghost",
                        "MarkConnectionReady",
                        arguments("connectionId", "ghost"),
                        null,
                        RejectionCode.UNKNOWN_CONNECTION,
                        "no connection was opened with this id",
                        AT));

        assertThat(race().replayThroughAggregate()).singleElement().satisfies(step -> assertThat(step.name())
                .endsWith("MarkConnectionReady → no such connection"));
    }

    @Test
    void aCommandSentToAFinalIdIsRefusedByTheClaimStreamWithNoState() {
        migratedConnection();
        append(
                "final-1",
                1,
                new ConnectionCommandRejected(
                        "final-1",
                        "CloseConnection",
                        arguments(
                                "connectionId",
                                "final-1",
                                "reason",
                                "ADMIN_CLOSED",
                                "detail",
                                "null",
                                "nodeId",
                                "node-a",
                                "closedAt",
                                "null"),
                        null,
                        RejectionCode.UNKNOWN_CONNECTION,
                        "this is the final id of connection pre-1; commands address "
                                + "a connection by the id it was opened with",
                        AT));

        var steps = race().replayThroughAggregate();

        assertThat(steps).last().satisfies(step -> assertThat(step.command())
                .isEqualTo(new CloseConnection("final-1", CloseReason.ADMIN_CLOSED, null, "node-a")));
    }

    @Test
    void aDuplicateOpenOfAFinalIdIsRefusedAgainByAStoreHoldingTheClaim() {
        migratedConnection();
        append(
                "final-1",
                1,
                new ConnectionCommandRejected(
                        "final-1",
                        "OpenConnection",
                        arguments(
                                "connectionId",
                                "final-1",
                                "nodeId",
                                "node-b",
                                "remoteAddress",
                                "null",
                                "openedAt",
                                "null"),
                        null,
                        RejectionCode.CONNECTION_EXISTS,
                        "the id already has a history",
                        AT));

        assertThat(race().replayThroughAggregate()).last().satisfies(step -> {
            assertThat(step.command()).isEqualTo(new OpenConnection("final-1", "node-b", null, null));
            assertThat(step.name()).endsWith("refused connection_exists in state null (decided by the store)");
        });
    }

    @Test
    void aTokenRefreshIsReplayedForTheUserTheStreamIsBoundTo() {
        migratedConnection();
        append("pre-1", 3, new ConnectionTokenRefreshed("pre-1", EXPIRY.plusSeconds(3600), AT));

        assertThat(race().replayThroughAggregate()).last().satisfies(step -> assertThat(step.command())
                .isEqualTo(new RefreshConnectionToken("pre-1", "ann", EXPIRY.plusSeconds(3600))));
    }
}
