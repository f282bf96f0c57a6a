package dev.switchboard.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** An operator may switch the demo agent off: a message is then answered {@code no_agent}, never dropped. */
@TestPropertySource(properties = "switchboard.demo-agent.enabled=false")
class DemoAgentOffIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void withTheDemoAgentOffEveryMessageIsAnsweredNoAgentWithItsIdAndTheSocketStaysOpen() {
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.authenticate(Tokens.user(Tokens.newUserId()));

            socket.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"hello\"}");
            JsonNode first = socket.expect("error");
            socket.send("{\"type\":\"message\",\"id\":\"m2\",\"text\":\"again\"}");
            JsonNode second = socket.expect("error");
            socket.send("{\"type\":\"ping\"}");

            assertThat(first.path("code").asText()).isEqualTo("no_agent");
            assertThat(first.path("id").asText()).isEqualTo("m1");
            assertThat(first.path("message").asText()).contains("no agent answers messages");
            assertThat(second.path("code").asText()).isEqualTo("no_agent");
            assertThat(second.path("id").asText()).isEqualTo("m2");
            assertThat(socket.expect("pong")).isNotNull();
            assertThat(socket.isClosed()).isFalse();
        }
    }
}
