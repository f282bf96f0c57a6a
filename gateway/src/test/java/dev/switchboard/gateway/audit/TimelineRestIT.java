package dev.switchboard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/connections/{id}/timeline} and {@code GET /api/users/{userId}/timeline} over real HTTP. */
class TimelineRestIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionCommands commands;

    @LocalServerPort
    int port;

    ApiClient api;
    String alice;
    String id;

    @BeforeEach
    void aReadyConnection() throws Exception {
        api = new ApiClient(port);
        alice = Tokens.newUserId();
        id = "rest-timeline-" + UUID.randomUUID();
        commands.send(new OpenConnection(id, "node-a"));
        commands.send(new AuthenticateConnection(id, alice, TimelineRaceIT.EXPIRY));
        commands.send(new MigrateConnectionId(id, id + "-final"));
        commands.send(new MarkConnectionReady(id));
    }

    @Test
    void theOwnerReadsAConnectionsTimelineByEitherIdStepByStepInLogOrder() {
        var answer = api.get("/api/connections/" + id + "-final/timeline", Tokens.user(alice));

        List<JsonNode> steps = steps(answer);
        assertThat(steps)
                .extracting(step -> step.path("type").asText())
                .containsExactly(
                        "ConnectionOpened",
                        "ConnectionAuthenticated",
                        "ConnectionIdMigrated",
                        "FinalIdClaimed",
                        "ConnectionMarkedReady");
        assertThat(steps)
                .extracting(step -> step.path("position").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(steps)
                .extracting(step -> step.path("after").path("state").textValue())
                .as("the claim stream has no state of its own")
                .containsExactly("OPENED", "AUTHENTICATED", "AUTHENTICATED", null, "READY");
        JsonNode last = steps.get(4);
        assertThat(last.path("before").path("state").asText()).isEqualTo("AUTHENTICATED");
        assertThat(last.path("registryRow").path("connectionId").asText()).isEqualTo(id + "-final");
        assertThat(last.path("nodeId").asText()).isEqualTo("node-a");
        assertThat(last.path("payload").path("finalId").asText()).isEqualTo(id + "-final");
        assertThat(answer.body().path("kind").asText()).isEqualTo("CONNECTION");
        assertThat(steps(api.get("/api/connections/" + id + "/timeline", Tokens.user(alice))))
                .isEqualTo(steps);
    }

    @Test
    void anotherUsersConnectionIs404AndAnOperatorReadsAny() {
        var foreign = api.get("/api/connections/" + id + "/timeline", Tokens.user(Tokens.newUserId()));

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().path("error").asText()).isEqualTo("connection_not_found");
        assertThat(steps(api.get("/api/connections/" + id + "/timeline", Tokens.admin())))
                .hasSize(5);
        assertThat(api.get("/api/connections/no-such-" + id + "/timeline", Tokens.admin())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aUserReadsTheirOwnTimelineFromAPositionButNotAnotherUsers() {
        long migration = steps(api.get("/api/connections/" + id + "/timeline", Tokens.user(alice)))
                .get(2)
                .path("position")
                .asLong();

        var window = api.get("/api/users/" + alice + "/timeline?from=" + migration, Tokens.user(alice));

        assertThat(steps(window))
                .extracting(step -> step.path("type").asText())
                .containsExactly("ConnectionIdMigrated", "FinalIdClaimed", "ConnectionMarkedReady");
        assertThat(window.body().path("fromPosition").asLong()).isEqualTo(migration);
        assertThat(api.get("/api/users/" + alice + "/timeline", Tokens.user(Tokens.newUserId()))
                        .status())
                .isEqualTo(403);
        assertThat(steps(api.get("/api/users/" + alice + "/timeline", Tokens.admin())))
                .hasSize(5);
        var badBound = api.get("/api/users/" + alice + "/timeline?to=yesterday", Tokens.user(alice));
        assertThat(badBound.status()).isEqualTo(400);
        assertThat(badBound.body().path("error").asText()).isEqualTo("invalid_request");
    }

    private static List<JsonNode> steps(ApiClient.Response answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return StreamSupport.stream(answer.body().path("steps").spliterator(), false)
                .toList();
    }
}
