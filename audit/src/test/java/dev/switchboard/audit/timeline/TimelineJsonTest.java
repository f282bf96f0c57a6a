package dev.switchboard.audit.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.log.EventLogFormat;
import org.junit.jupiter.api.Test;

/** Timelines are exported as JSON fixtures and printed by the CLI: the JSON must say everything and read back. */
class TimelineJsonTest {

    private final ObjectMapper json = EventLogFormat.objectMapper();

    @Test
    void aTimelineReadsBackFromItsJsonUnchanged() throws Exception {
        HandMadeLog log = TimelineReplayTest.closedThenMigrationRefused().published("ann", 1);
        Timeline timeline = TimelineReplayTest.replay(log, PositionRange.upTo(log.head()));

        String written = json.writeValueAsString(timeline);

        assertThat(json.readValue(written, Timeline.class)).isEqualTo(timeline);
    }

    @Test
    void aStepSaysItsStatesRowRefusalAndDeliveryByName() throws Exception {
        HandMadeLog log = TimelineReplayTest.closedThenMigrationRefused().published("ann", 1);
        JsonNode steps = json.readTree(
                        json.writeValueAsString(TimelineReplayTest.replay(log, PositionRange.upTo(log.head()))))
                .path("steps");

        JsonNode refusal = steps.get(3);
        assertThat(refusal.path("timestamp").asText()).isEqualTo("2026-03-01T10:00:04Z");
        assertThat(refusal.path("before").path("state").asText()).isEqualTo("CLOSED");
        assertThat(refusal.path("registryRow").path("closeReason").asText()).isEqualTo("NODE_LOST");
        assertThat(refusal.path("rejection").path("code").asText()).isEqualTo("connection_closed");
        assertThat(refusal.path("rejection").path("arguments").path("finalId").asText())
                .isEqualTo("c1-final");
        assertThat(refusal.path("payload").path("stateMet").asText()).isEqualTo("CLOSED");
        JsonNode feed = steps.get(4);
        assertThat(feed.path("delivery").path("deliveredTo").isArray()).isTrue();
        assertThat(feed.path("delivery").path("heldFor").size()).isZero();
        assertThat(feed.path("before").isNull()).isTrue();
    }
}
