package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Log in, connect, authenticate, send a message, watch the agent's five events arrive: the path users care about. */
class GoldenPathIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    @Test
    void aMessageIsAnsweredByTheFiveAgentEventsInOrder() {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            JsonNode welcome = socket.expect("welcome");
            String preliminaryId = welcome.path("connectionId").asText();
            assertThat(welcome.path("heartbeatSeconds").asLong()).isPositive();
            assertThat(registry.find(preliminaryId))
                    .as("the upgrade is written with the handshake, in one commit")
                    .isEmpty();

            Instant beforeAuth = Instant.now();
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\"}");
            JsonNode ready = socket.expect("ready");
            String finalId = ready.path("connectionId").asText();
            assertThat(finalId).isNotEqualTo(preliminaryId);
            assertThat(ready.path("userId").asText()).isEqualTo(user);
            assertThat(ready.path("lastSeq").asLong()).isZero();
            var row = registry.find(finalId).orElseThrow();
            assertThat(row.state()).isEqualTo(ConnectionState.READY);
            assertThat(row.preliminaryId()).isEqualTo(preliminaryId);
            assertThat(row.openedAt()).as("the upgrade's own time").isBefore(beforeAuth);
            assertThat(row.readyAt()).isAfter(beforeAuth);

            socket.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"hello\"}");
            JsonNode ack = socket.expect("ack");
            assertThat(ack.path("id").asText()).isEqualTo("m1");
            String runId = ack.path("runId").asText();

            List<JsonNode> events = socket.next(5);
            assertThat(events)
                    .extracting(e -> e.path("event").asText())
                    .containsExactly(
                            "agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");
            assertThat(events).extracting(e -> e.path("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("type").asText()).isEqualTo("event");
                assertThat(e.path("runId").asText()).isEqualTo(runId);
                assertThat(e.path("data").isObject()).isTrue();
            });

            socket.send("{\"type\":\"ping\"}");
            socket.expect("pong");
        }
        await().atMost(TestSocket.WAIT).untilAsserted(() -> {
            var closed = registry.ofUser(user, ConnectionState.CLOSED);
            assertThat(closed).singleElement().satisfies(c -> assertThat(c.closeReason())
                    .isEqualTo(CloseReason.CLIENT_CLOSED));
        });
    }
}
