package dev.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.audit.log.LoggedEvent;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The seed incident's races, recorded on a real node by the gateway's RaceFixtureRecorderIT, replayed here. */
class RecordedRaceFixturesTest {

    @TestFactory
    Stream<DynamicContainer> everyRecordedRaceReplaysStepByStepThroughTheAggregateAndTheRegistry() {
        return RaceFixtures.dynamicTests(Path.of("src/test/resources/fixtures"));
    }

    /**
     * Recorded when a node wrote each handshake step in a unit of work of its own; logs written then hold this order,
     * as does a handshake whose group the aggregate decides step by step.
     */
    @Test
    void anAgentEventPublishedMidMigrationFindsTheSecondConnectionByItsFinalIdButNotYetReady() {
        RaceFixture race = RaceFixtures.fromClasspath("/fixtures/feed-event-during-id-migration.json");
        LoggedEvent published = published(race);
        ConnectionIdMigrated lastMigration = race.events().stream()
                .filter(e -> e.position() < published.position() && e.payload() instanceof ConnectionIdMigrated)
                .map(e -> (ConnectionIdMigrated) e.payload())
                .reduce((a, b) -> b)
                .orElseThrow();

        race.replayThroughAggregate();
        var registry = race.registryAsOf(published.position());

        assertThat(registry)
                .extracting(ConnectionView::state)
                .as("the first connection receives it live, the second is not routable yet")
                .containsExactly(ConnectionState.READY, ConnectionState.AUTHENTICATED);
        assertThat(registry.get(1).connectionId())
                .as("no gap: the row already answers to the final id")
                .isEqualTo(lastMigration.finalId());
        assertThat(race.replayThroughRegistry())
                .extracting(ConnectionView::state)
                .containsOnly(ConnectionState.READY);
    }

    /** A node now appends a handshake's steps together: an event committed meanwhile lands before all of them. */
    @Test
    void anAgentEventCommittedWhileAHandshakeIsWrittenFindsOnlyTheConnectionThatWasReady() {
        RaceFixture race = RaceFixtures.fromClasspath("/fixtures/feed-event-during-handshake-commit.json");
        LoggedEvent published = published(race);

        race.replayThroughAggregate();

        assertThat(race.registryAsOf(published.position()))
                .extracting(ConnectionView::state)
                .as("the first connection receives it live; the second is not in the log yet, so none is half-routable")
                .containsExactly(ConnectionState.READY);
        assertThat(race.replayThroughRegistry())
                .extracting(ConnectionView::state)
                .containsExactly(ConnectionState.READY, ConnectionState.READY);
    }

    @Test
    void aCloseRecordedBeforeTheAuthenticationMakesTheAggregateRefuseIt() {
        RaceFixture race = RaceFixtures.fromClasspath("/fixtures/close-racing-authentication.json");

        assertThat(race.replayThroughAggregate())
                .extracting(ReplayStep::name)
                .satisfiesExactly(
                        opened -> assertThat(opened).contains("OpenConnection → accepted [ConnectionOpened]"),
                        closed -> assertThat(closed).contains("CloseConnection → accepted [ConnectionClosed]"),
                        refused -> assertThat(refused)
                                .contains("AuthenticateConnection → refused connection_closed in state CLOSED"));
        assertThat(race.replayThroughRegistry()).singleElement().satisfies(row -> assertThat(row.state())
                .isEqualTo(ConnectionState.CLOSED));
    }

    @Test
    void theLoserOfAFinalIdRaceIsRefusedAgainByAStoreHoldingTheWinnersClaim() {
        RaceFixture race = RaceFixtures.fromClasspath("/fixtures/duplicate-final-id.json");

        var steps = race.replayThroughAggregate();

        assertThat(steps)
                .filteredOn(step -> step.command() instanceof MigrateConnectionId)
                .satisfiesExactly(
                        winner -> assertThat(winner.name()).endsWith("accepted [ConnectionIdMigrated, FinalIdClaimed]"),
                        loser -> assertThat(loser.name())
                                .endsWith("refused final_id_taken in state AUTHENTICATED (decided by the store)"));
        assertThat(race.replayThroughRegistry())
                .extracting(ConnectionView::connectionId)
                .doesNotHaveDuplicates();
    }

    private static LoggedEvent published(RaceFixture race) {
        return race.events().stream()
                .filter(e -> e.payload() instanceof AgentEventPublished)
                .findFirst()
                .orElseThrow();
    }
}
