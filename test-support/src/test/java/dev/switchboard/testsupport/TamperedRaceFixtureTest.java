package dev.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** A replay that cannot fail proves nothing: each fixture here was changed in memory, and the replay says where. */
class TamperedRaceFixtureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLOSE_RACE = "/fixtures/close-racing-authentication.json";
    private static final String FINAL_ID_RACE = "/fixtures/duplicate-final-id.json";

    @Test
    void aRecordedRejectionCodeChangedFailsTheReplayNamingTheStep() throws Exception {
        RaceFixture race =
                tampered(CLOSE_RACE, "ConnectionCommandRejected", payload -> payload.put("code", "NOT_AUTHENTICATED"));

        assertThatThrownBy(race::replayThroughAggregate)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("race fixture 'close-racing-authentication', step 3 (position ")
                .hasMessageContaining("AuthenticateConnection → refused not_authenticated in state CLOSED")
                .hasMessageContaining("did not replay as recorded");
    }

    @Test
    void aStoreDecidedRefusalRecordedWithAnotherCodeFailsBecauseTheStoreRefusesItAsFinalIdTaken() throws Exception {
        RaceFixture race = tampered(
                FINAL_ID_RACE, "ConnectionCommandRejected", payload -> payload.put("code", "CONNECTION_EXISTS"));

        assertThatThrownBy(race::replayThroughAggregate)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("MigrateConnectionId → refused connection_exists in state AUTHENTICATED "
                        + "(decided by the store)")
                .hasMessageContaining("did not replay as recorded: the store refused it as")
                .hasMessageContaining("code=FINAL_ID_TAKEN");
    }

    @Test
    void aRefusedMigrationToAFinalIdNobodyHoldsFailsBecauseTheStoreAcceptsIt() throws Exception {
        RaceFixture race =
                tampered(FINAL_ID_RACE, "ConnectionCommandRejected", payload -> ((ObjectNode) payload.path("arguments"))
                        .put("finalId", "conn_nobody-holds-this"));

        assertThatThrownBy(race::replayThroughAggregate)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not replay as recorded: the store accepted it");
    }

    @Test
    void onlyTheDynamicTestOfTheTamperedStepFails() throws Exception {
        RaceFixture race = tampered(CLOSE_RACE, "ConnectionClosed", payload -> payload.put("stateBefore", "READY"));

        List<String> failed = RaceFixtures.dynamicTests(race)
                .filter(TamperedRaceFixtureTest::fails)
                .map(DynamicTest::getDisplayName)
                .toList();

        assertThat(failed).singleElement().asString().startsWith("step 2 ").contains("CloseConnection");
    }

    @Test
    void aRecordedRegistryRowChangedFailsTheReplayThroughTheRegistryNamingTheConnection() throws Exception {
        JsonNode tree = read(CLOSE_RACE);
        ObjectNode row = (ObjectNode) tree.path("expectedRegistry").get(0);
        row.put("closeReason", "ADMIN_CLOSED");
        RaceFixture race = RaceFixture.load(bytes(tree));

        assertThatThrownBy(race::replayThroughRegistry)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the registry replay differs")
                .hasMessageContaining("connection " + row.path("preliminaryId").asText() + " projects to");
    }

    private static boolean fails(DynamicTest test) {
        try {
            test.getExecutable().execute();
            return false;
        } catch (Throwable failure) {
            return true;
        }
    }

    private static RaceFixture tampered(String resource, String type, Consumer<ObjectNode> change) throws Exception {
        JsonNode tree = read(resource);
        JsonNode entry = StreamSupport.stream(tree.path("window").spliterator(), false)
                .filter(e -> e.path("type").asText().equals(type))
                .findFirst()
                .orElseThrow();
        change.accept((ObjectNode) entry.path("payload"));
        return RaceFixture.load(bytes(tree));
    }

    private static JsonNode read(String resource) throws Exception {
        try (InputStream json = TamperedRaceFixtureTest.class.getResourceAsStream(resource)) {
            return JSON.readTree(json);
        }
    }

    private static InputStream bytes(JsonNode tree) throws Exception {
        return new ByteArrayInputStream(JSON.writeValueAsBytes(tree));
    }
}
