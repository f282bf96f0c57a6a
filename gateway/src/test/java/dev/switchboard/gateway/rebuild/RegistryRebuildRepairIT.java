package dev.switchboard.gateway.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A live registry changed behind the projection's back: a row's state overwritten, a row deleted, a row invented. The
 * log is the truth, so a rebuild finds all three; it changes nothing until an operator asks for the repair.
 */
class RegistryRebuildRepairIT extends RebuildIntegrationTest {

    @Test
    void aTamperedRegistryIsReportedAndLeftAloneUntilARepairIsAsked() {
        String overwritten = lifecycle(false);
        String deleted = lifecycle(true);
        String invented = "invented-" + overwritten;
        jdbc.update("UPDATE connection_registry SET state = 'CLOSED' WHERE preliminary_id = ?", overwritten);
        jdbc.update("DELETE FROM connection_registry WHERE preliminary_id = ?", deleted);
        jdbc.update(
                "INSERT INTO connection_registry (preliminary_id, node_id, state, opened_at, last_position) "
                        + "VALUES (?, 'node-x', 'OPENED', CURRENT_TIMESTAMP, 1)",
                invented);
        Map<String, Object> tampered = row(overwritten);

        JsonNode reported = rebuild("");

        assertThat(reported.path("state").asText()).as(reported.toString()).isEqualTo("FAILED");
        assertThat(differences(reported))
                .containsExactlyInAnyOrder(
                        tuple("column_differs", overwritten, "state", "CLOSED", "READY"),
                        tuple("missing_row", deleted, null, null, null),
                        tuple("extra_row", invented, null, null, null));
        assertThat(reported.at("/rebuild/message").asText()).contains("3 differences", "unchanged");
        assertThat(row(overwritten)).isEqualTo(tampered);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM connection_registry WHERE preliminary_id IN (?, ?)",
                        Long.class,
                        deleted,
                        invented))
                .isOne();

        JsonNode repaired = rebuild("?repair=true");

        assertThat(repaired.path("state").asText()).as(repaired.toString()).isEqualTo("SWITCHED");
        assertThat(repaired.at("/rebuild/message").asText()).startsWith("Repaired 3 differences");
        assertThat(row(overwritten)).containsEntry("state", "READY");
        assertThat(row(deleted)).containsEntry("state", "CLOSED").containsEntry("close_reason", "CLIENT_CLOSED");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM connection_registry WHERE preliminary_id = ?", Long.class, invented))
                .isZero();

        JsonNode verified = rebuild("");
        assertThat(verified.path("state").asText()).isEqualTo("SWITCHED");
        assertThat(verified.at("/rebuild/differenceCount").asInt()).isZero();
    }

    private Map<String, Object> row(String preliminaryId) {
        return jdbc.queryForMap("SELECT * FROM connection_registry WHERE preliminary_id = ?", preliminaryId);
    }

    private static List<org.assertj.core.groups.Tuple> differences(JsonNode projection) {
        List<org.assertj.core.groups.Tuple> found = new ArrayList<>();
        projection
                .at("/rebuild/differences")
                .forEach(d -> found.add(tuple(
                        d.path("kind").asText(),
                        d.path("preliminaryId").asText(),
                        text(d.path("column")),
                        text(d.path("live")),
                        text(d.path("rebuilt")))));
        return found;
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
