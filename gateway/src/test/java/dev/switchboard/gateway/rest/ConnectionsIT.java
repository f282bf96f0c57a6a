package dev.switchboard.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reading and closing connections: a user sees its own, an operator ({@code admin}) sees and closes any. */
class ConnectionsIT extends ApiIntegrationTest {

    @Autowired
    ConnectionRegistry registry;

    @Test
    void aUserListsItsOwnConnectionsFilteredByState() throws Exception {
        String alice = Tokens.newUserId();
        String ready = ready(alice);
        String authenticated = authenticated(alice);
        ready(Tokens.newUserId());

        assertThat(ids(api.get("/api/connections", Tokens.user(alice)))).containsExactly(ready, authenticated);
        assertThat(ids(api.get("/api/connections?userId=" + alice, Tokens.user(alice))))
                .containsExactly(ready, authenticated);
        assertThat(ids(api.get("/api/connections?state=READY", Tokens.user(alice))))
                .containsExactly(ready);
        assertThat(ids(api.get("/api/connections?state=authenticated", Tokens.user(alice))))
                .containsExactly(authenticated);
    }

    @Test
    void aUserAskingForAnotherUsersConnectionsIs403() throws Exception {
        String bob = Tokens.newUserId();
        ready(bob);

        var answer = api.get("/api/connections?userId=" + bob, Tokens.user(Tokens.newUserId()));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().path("error").asText()).isEqualTo("forbidden");
    }

    @Test
    void anOperatorListsAnyUsersConnectionsOrTheNewestOfAll() throws Exception {
        String bob = Tokens.newUserId();
        String bobs = ready(bob);
        String carols = ready(Tokens.newUserId());
        String unauthenticated = newConnectionId();
        commands.send(new OpenConnection(unauthenticated, "node-a"));

        assertThat(ids(api.get("/api/connections?userId=" + bob, Tokens.admin())))
                .containsExactly(bobs);
        assertThat(ids(api.get("/api/connections", Tokens.admin()))).contains(bobs, carols, unauthenticated);
        assertThat(ids(api.get("/api/connections?limit=1", Tokens.admin()))).containsExactly(unauthenticated);
        assertThat(ids(api.get("/api/connections?state=OPENED&limit=1000", Tokens.admin())))
                .contains(unauthenticated)
                .doesNotContain(bobs, carols);
    }

    @Test
    void aBadStateOrLimitIs400() {
        for (String query : List.of("state=SLEEPING", "limit=0", "limit=1001", "limit=many")) {
            var answer = api.get("/api/connections?" + query, Tokens.admin());
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).as(query).isEqualTo("invalid_request");
        }
    }

    @Test
    void eitherIdFindsTheConnectionWithEveryField() throws Exception {
        String alice = Tokens.newUserId();
        String finalId = ready(alice);
        String preliminaryId = registry.find(finalId).orElseThrow().preliminaryId();

        var byFinal = api.get("/api/connections/" + finalId, Tokens.user(alice));
        var byPreliminary = api.get("/api/connections/" + preliminaryId, Tokens.user(alice));

        assertThat(byFinal.status()).isEqualTo(200);
        assertThat(byPreliminary.body()).isEqualTo(byFinal.body());
        JsonNode connection = byFinal.body();
        assertThat(connection.path("connectionId").asText()).isEqualTo(finalId);
        assertThat(connection.path("preliminaryId").asText()).isEqualTo(preliminaryId);
        assertThat(connection.path("userId").asText()).isEqualTo(alice);
        assertThat(connection.path("nodeId").asText()).isEqualTo("node-a");
        assertThat(connection.path("state").asText()).isEqualTo("READY");
        assertThat(connection.path("openedAt").asText()).isNotBlank();
        assertThat(connection.path("readyAt").asText()).isNotBlank();
        assertThat(connection.has("closedAt")).isTrue();
        assertThat(connection.get("closedAt").isNull()).isTrue();
        assertThat(connection.get("closeReason").isNull()).isTrue();
    }

    @Test
    void anotherUsersConnectionIsAnswered404LikeAnUnknownOneButAnOperatorSeesIt() throws Exception {
        String finalId = ready(Tokens.newUserId());
        String unauthenticated = newConnectionId();
        commands.send(new OpenConnection(unauthenticated, "node-a"));

        var foreign = api.get("/api/connections/" + finalId, Tokens.user(Tokens.newUserId()));
        var unknown = api.get("/api/connections/no-such-connection", Tokens.user(Tokens.newUserId()));

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(unknown.body());
        assertThat(foreign.body().path("error").asText()).isEqualTo("connection_not_found");
        assertThat(api.get("/api/connections/" + unauthenticated, Tokens.user(Tokens.newUserId()))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/connections/" + finalId, Tokens.admin()).status())
                .isEqualTo(200);
        assertThat(api.get("/api/connections/" + unauthenticated, Tokens.admin())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/connections/no-such-connection", Tokens.admin())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anOperatorClosesAConnectionByEitherIdAndTheRegistryShowsWhy() throws Exception {
        String finalId = ready(Tokens.newUserId());

        var answer = api.delete("/api/connections/" + finalId, Tokens.admin());

        assertThat(answer.status()).isEqualTo(204);
        var closed = registry.find(finalId).orElseThrow();
        assertThat(closed.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(closed.closeReason()).isEqualTo(CloseReason.ADMIN_CLOSED);
        assertThat(api.delete("/api/connections/" + closed.preliminaryId(), Tokens.admin())
                        .status())
                .as("closing a closed connection is not an error")
                .isEqualTo(204);
    }

    @Test
    void onlyAnOperatorMayCloseAndAnUnknownConnectionIs404() throws Exception {
        String alice = Tokens.newUserId();
        String finalId = ready(alice);

        var byOwner = api.delete("/api/connections/" + finalId, Tokens.user(alice));
        var unknown = api.delete("/api/connections/no-such-connection", Tokens.admin());

        assertThat(byOwner.status()).isEqualTo(403);
        assertThat(byOwner.body().path("message").asText()).contains("admin");
        assertThat(registry.find(finalId).orElseThrow().state()).isEqualTo(ConnectionState.READY);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").asText()).isEqualTo("connection_not_found");
    }

    private static List<String> ids(ApiClient.Response answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return StreamSupport.stream(answer.body().path("connections").spliterator(), false)
                .map(connection -> connection.path("connectionId").asText())
                .toList();
    }
}
