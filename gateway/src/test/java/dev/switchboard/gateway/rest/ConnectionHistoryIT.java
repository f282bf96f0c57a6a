package dev.switchboard.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code GET /api/connections/{id}/history}: the log of one connection, refusals included, as it was appended. */
class ConnectionHistoryIT extends ApiIntegrationTest {

    @Test
    void theHistoryHoldsBothStreamsInLogOrderIncludingARefusedCommand() throws Exception {
        String alice = Tokens.newUserId();
        String id = newConnectionId();
        String finalId = id + "-final";
        commands.send(new OpenConnection(id, "node-a"));
        assertThatThrownBy(() -> commands.send(new MigrateConnectionId(id, finalId)))
                .isInstanceOf(ConnectionRejectedException.class);
        commands.send(new AuthenticateConnection(id, alice, TOKEN_EXPIRY));
        commands.send(new MigrateConnectionId(id, finalId));
        commands.send(new MarkConnectionReady(id));
        commands.send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, "bye", "node-a"));

        var answer = api.get("/api/connections/" + finalId + "/history", Tokens.user(alice));

        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> events = events(answer);
        assertThat(events)
                .extracting(event -> event.path("type").asText())
                .containsExactly(
                        "ConnectionOpened",
                        "ConnectionCommandRejected",
                        "ConnectionAuthenticated",
                        "ConnectionIdMigrated",
                        "FinalIdClaimed",
                        "ConnectionMarkedReady",
                        "ConnectionClosed");
        assertThat(events)
                .extracting(event -> event.path("position").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(events).allSatisfy(event -> {
            assertThat(Instant.parse(event.path("timestamp").asText()))
                    .isBefore(Instant.now().plusSeconds(1));
            assertThat(event.path("payload").isObject())
                    .as("payload is embedded JSON, not a string")
                    .isTrue();
        });
        JsonNode refusal = events.get(1).path("payload");
        assertThat(refusal.path("command").asText()).isEqualTo("MigrateConnectionId");
        assertThat(refusal.path("code").asText()).isEqualTo("NOT_AUTHENTICATED");
        assertThat(refusal.path("stateMet").asText()).isEqualTo("OPENED");
        assertThat(events.get(4).path("payload").path("finalId").asText()).isEqualTo(finalId);
        assertThat(events.get(6).path("payload").path("detail").asText()).isEqualTo("bye");

        assertThat(api.get("/api/connections/" + id + "/history", Tokens.user(alice))
                        .body())
                .as("the preliminary id gives the same history")
                .isEqualTo(answer.body());
    }

    @Test
    void aConnectionThatNeverMigratedHasItsOwnStreamOnly() throws Exception {
        String alice = Tokens.newUserId();
        String id = authenticated(alice);

        var answer = api.get("/api/connections/" + id + "/history", Tokens.user(alice));

        assertThat(events(answer))
                .extracting(event -> event.path("type").asText())
                .containsExactly("ConnectionOpened", "ConnectionAuthenticated");
    }

    @Test
    void anotherUsersHistoryIs404AndAnOperatorReadsAny() throws Exception {
        String finalId = ready(Tokens.newUserId());

        var foreign = api.get("/api/connections/" + finalId + "/history", Tokens.user(Tokens.newUserId()));

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().path("error").asText()).isEqualTo("connection_not_found");
        assertThat(events(api.get("/api/connections/" + finalId + "/history", Tokens.admin())))
                .hasSize(5);
        assertThat(api.get("/api/connections/no-such-connection/history", Tokens.admin())
                        .status())
                .isEqualTo(404);
    }

    private static List<JsonNode> events(ApiClient.Response answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return StreamSupport.stream(answer.body().path("events").spliterator(), false)
                .toList();
    }
}
