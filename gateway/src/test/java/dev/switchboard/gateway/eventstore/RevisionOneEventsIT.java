package dev.switchboard.gateway.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A log written by an earlier version holds {@code ConnectionOpened} at revision 1, without {@code remoteAddress}. A
 * running node reads such a row through the upcaster chain the audit tools use: its event store hands the aggregate
 * revision 2 (with the address unknown), the aggregate decides commands from it, and the history, the timeline and a
 * registry rebuild show it.
 */
class RevisionOneEventsIT extends PostgresIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant OPENED_AT = Instant.parse("2026-11-28T01:45:35.260878935Z");
    private static final String OLD_NODE = "gw-old-8080";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    ConnectionCommands commands;

    @LocalServerPort
    int port;

    @Test
    void aRevisionOneConnectionOpenedInTheTableIsReadAsRevisionTwoByEveryReaderOfTheNode() throws Exception {
        String id = "pre_" + UUID.randomUUID();
        insertRevisionOneOpened(id);
        var api = new ApiClient(port);

        DomainEventMessage<?> opened = eventStore.readEvents(id).next();
        SerializedObject<String> asRead = opened.serializePayload(eventSerializer, String.class);
        assertThat(asRead.getType().getRevision())
                .as("the event store upcast it: %s", asRead.getData())
                .isEqualTo("2");
        JsonNode payload = JSON.readTree(asRead.getData());
        assertThat(payload.has("remoteAddress") && payload.get("remoteAddress").isNull())
                .as(asRead.getData())
                .isTrue();
        assertThat(opened.getPayload()).isEqualTo(new ConnectionOpened(id, OLD_NODE, null, OPENED_AT));

        assertRefused(new MarkConnectionReady(id), RejectionCode.NOT_AUTHENTICATED, ConnectionState.OPENED);

        JsonNode rebuilt = rebuildWithRepair(api);
        assertThat(rebuilt.path("state").asText()).as(rebuilt.toString()).isEqualTo("SWITCHED");
        assertThat(rebuilt.at("/rebuild/differences").findValuesAsText("preliminaryId"))
                .as("the live registry never saw the inserted row; the rebuild read it from the log")
                .contains(id);
        JsonNode row = api.get("/api/connections/" + id, Tokens.admin()).body();
        assertThat(row.path("state").asText()).as(row.toString()).isEqualTo("OPENED");
        assertThat(row.path("nodeId").asText()).isEqualTo(OLD_NODE);

        var close = api.delete("/api/connections/" + id, Tokens.admin());
        assertThat(close.status()).as(close.raw()).isEqualTo(204);
        row = api.get("/api/connections/" + id, Tokens.admin()).body();
        assertThat(row.path("state").asText()).as(row.toString()).isEqualTo("CLOSED");
        assertThat(row.path("closeReason").asText()).isEqualTo("ADMIN_CLOSED");
        assertRefused(
                new AuthenticateConnection(id, "alice", OPENED_AT.plusSeconds(3600)),
                RejectionCode.CONNECTION_CLOSED,
                ConnectionState.CLOSED);

        List<JsonNode> history = list(api.get("/api/connections/" + id + "/history", Tokens.admin())
                .body()
                .path("events"));
        assertThat(history)
                .extracting(event -> event.path("type").asText())
                .containsExactly(
                        "ConnectionOpened",
                        "ConnectionCommandRejected",
                        "ConnectionClosed",
                        "ConnectionCommandRejected");
        assertThat(history.get(0).at("/payload/nodeId").asText()).isEqualTo(OLD_NODE);

        List<JsonNode> steps = list(api.get("/api/connections/" + id + "/timeline", Tokens.admin())
                .body()
                .path("steps"));
        assertThat(steps)
                .extracting(step -> step.at("/after/state").asText())
                .containsExactly("OPENED", "OPENED", "CLOSED", "CLOSED");
        assertThat(steps.get(0).at("/payload/remoteAddress").isNull())
                .as(steps.get(0).toString())
                .isTrue();
        assertThat(steps.get(0).path("nodeId").asText()).isEqualTo(OLD_NODE);
    }

    /** The row as a node of the first version wrote it: revision 1, no address. */
    private void insertRevisionOneOpened(String id) {
        String payload = """
                {"connectionId":"%s","nodeId":"%s","at":"%s"}""".formatted(id, OLD_NODE, OPENED_AT);
        jdbc.update(
                "INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
                        + "meta_data, payload, payload_revision, payload_type, time_stamp) "
                        + "VALUES (?, 0, 'Connection', ?, ?, ?, '1', ?, ?)",
                id,
                UUID.randomUUID().toString(),
                "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8),
                ConnectionOpened.class.getName(),
                OPENED_AT.toString());
    }

    private void assertRefused(ConnectionCommand command, RejectionCode code, ConnectionState state) {
        assertThatThrownBy(() -> commands.send(command))
                .isInstanceOfSatisfying(ConnectionRejectedException.class, rejected -> {
                    assertThat(rejected.code()).isEqualTo(code);
                    assertThat(rejected.state()).isEqualTo(state);
                });
    }

    private static JsonNode rebuildWithRepair(ApiClient api) {
        String registry = "/api/projections/registry";
        var started = api.post(registry + "/rebuild?repair=true", Tokens.admin(), "application/json", "");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(registry, Tokens.admin()).body(), status -> !List.of("REBUILDING", "VERIFYING")
                        .contains(status.path("state").asText()));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
