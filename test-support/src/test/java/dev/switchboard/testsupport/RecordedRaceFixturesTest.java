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

    @Test
    void anAgentEventPublishedMidMigrationFindsTheSecondConnectionByItsFinalIdButNotYetReady() {
        RaceFixture race = RaceFixtures.fromClasspath("/fixtures/feed-event-during-id-migration.json");
        LoggedEvent published = race.events().stream()
                .filter(e -> e.payload() instanceof AgentEventPublished)
                .findFirst()
                .orElseThrow();
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
}
