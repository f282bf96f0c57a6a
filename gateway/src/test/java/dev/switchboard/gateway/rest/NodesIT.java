package dev.switchboard.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.support.Tokens;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code GET /api/nodes}: operators see each node's lease and what the registry holds open on it. */
class NodesIT extends ApiIntegrationTest {

    @Autowired
    NodeIdentity node;

    @Test
    void anOperatorSeesThisNodesLiveLease() {
        var answer = api.get("/api/nodes", Tokens.admin());

        assertThat(answer.status()).isEqualTo(200);
        JsonNode self = node(answer.body(), node.id());
        assertThat(self.path("state").asText()).isEqualTo("ALIVE");
        assertThat(self.path("renewedAt").asText()).isNotBlank();
        assertThat(self.path("expiresAt").asText()).isNotBlank();
        assertThat(self.path("connections").path("READY").isNumber()).isTrue();
    }

    @Test
    void openConnectionsOnANodeWithoutALeaseAreCountedAndFlagged() throws Exception {
        String unleased = "unleased-" + UUID.randomUUID();
        commands.send(new OpenConnection(newConnectionId(), unleased));
        commands.send(new OpenConnection(newConnectionId(), unleased));

        JsonNode listed = node(api.get("/api/nodes", Tokens.admin()).body(), unleased);

        assertThat(listed.path("state").asText()).isEqualTo("UNLEASED");
        assertThat(listed.path("connections").path("OPENED").asLong()).isEqualTo(2);
        assertThat(listed.path("connections").path("READY").asLong()).isZero();
    }

    @Test
    void aUserTokenMayNotListNodes() {
        var answer = api.get("/api/nodes", Tokens.user(Tokens.newUserId()));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().path("error").asText()).isEqualTo("forbidden");
        assertThat(answer.wwwAuthenticate())
                .hasValueSatisfying(header -> assertThat(header).contains("scope=\"admin\""));
    }

    private static JsonNode node(JsonNode page, String nodeId) {
        return StreamSupport.stream(page.path("nodes").spliterator(), false)
                .filter(listed -> listed.path("nodeId").asText().equals(nodeId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("node " + nodeId + " not in " + page));
    }
}
