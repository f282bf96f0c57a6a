package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.feed.AgentEventPublished;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

/**
 * The writer's row against one the AgentFeed aggregate stored through Axon's JDBC storage engine before the writer
 * replaced it ({@code feed/agent-feed-row.json}): every column equal to the byte but the ids and the message time,
 * and those of the same form. Same user, event, data and payload time, so the payloads must match exactly.
 */
class FeedRowFormatIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void theWriterStoresWhatTheAggregateStoredButForIdsAndTime() throws Exception {
        JsonNode axon = JSON.readTree(getClass().getResourceAsStream("/feed/agent-feed-row.json"));
        Instant at = Instant.parse(
                JSON.readTree(axon.get("payload").asText()).get("at").asText());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("n", 3);
        data.put("tool", "search");
        FeedDatabase database = FeedDatabase.postgres();
        try (HikariDataSource pool = database.pool();
                AgentEvents node = FeedDatabase.node(pool, Clock.fixed(at, ZoneOffset.UTC), FeedCommitListener.NONE)) {
            node.append("golden-user", "run-1", "tool_executing", data, "key-1");
        }

        try (var connection = database.connect();
                var statement = connection.prepareStatement(
                        "SELECT * FROM domain_event_entry WHERE aggregate_identifier = 'feed:golden-user'");
                ResultSet row = statement.executeQuery()) {
            assertThat(row.next()).isTrue();
            for (String column :
                    List.of("aggregate_identifier", "type", "payload_type", "payload_revision", "payload")) {
                assertThat(text(row, column))
                        .as(column)
                        .isEqualTo(axon.get(column).asText());
            }
            assertThat(row.getLong("sequence_number"))
                    .isEqualTo(axon.get("sequence_number").asLong());
            assertThat(row.getString("event_identifier")).matches(UUID);
            assertThat(row.getString("time_stamp"))
                    .as("Axon's format: milliseconds, UTC")
                    .isEqualTo("2026-12-04T16:34:06.496Z")
                    .hasSameSizeAs(axon.get("time_stamp").asText());
            JsonNode metaData = JSON.readTree(row.getBytes("meta_data"));
            JsonNode axonMetaData = JSON.readTree(axon.get("meta_data").asText());
            assertThat(fieldNames(metaData)).isEqualTo(fieldNames(axonMetaData));
            assertThat(metaData.get("traceId").asText())
                    .matches(UUID)
                    .isEqualTo(metaData.get("correlationId").asText())
                    .isNotEqualTo(row.getString("event_identifier"));
            assertThat(decoded(row.getBytes("payload")))
                    .isEqualTo(decoded(axon.get("payload").asText().getBytes()));
        }
    }

    private static String text(ResultSet row, String column) throws Exception {
        Object value = row.getObject(column);
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** As every reader of the log decodes it: the node's serializer, by the row's type and revision. */
    private static AgentEventPublished decoded(byte[] payload) {
        return FeedDatabase.serializer()
                .deserialize(
                        new SimpleSerializedObject<>(payload, byte[].class, AgentEventPublished.class.getName(), "1"));
    }
}
