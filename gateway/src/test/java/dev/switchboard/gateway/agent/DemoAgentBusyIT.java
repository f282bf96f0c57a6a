package dev.switchboard.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo agent's work is bounded: beyond {@code max-runs} runs in progress on the node a message is answered
 * {@code busy} with its id and nothing runs for it; once a run has ended, the next message is taken.
 */
@TestPropertySource(properties = {"switchboard.demo-agent.max-runs=1", "switchboard.demo-agent.step=1s"})
class DemoAgentBusyIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aMessageBeyondTheRunsInProgressIsAnsweredBusyAndOneAfterTheRunEndedIsTaken() {
        try (TestSocket alice = TestSocket.connect(port);
                TestSocket bob = TestSocket.connect(port)) {
            alice.authenticate(Tokens.user(Tokens.newUserId()));
            bob.authenticate(Tokens.user(Tokens.newUserId()));

            alice.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"hello\"}");
            String runId = alice.expect("ack").path("runId").asText();
            alice.send("{\"type\":\"message\",\"id\":\"m2\",\"text\":\"and another\"}");
            bob.send("{\"type\":\"message\",\"id\":\"b1\",\"text\":\"me too\"}");
            JsonNode bobsAnswer = bob.expect("error");
            List<JsonNode> untilDone = untilCompleted(alice);

            assertThat(bobsAnswer.path("code").asText()).isEqualTo("busy");
            assertThat(bobsAnswer.path("id").asText()).isEqualTo("b1");
            assertThat(untilDone)
                    .filteredOn(frame -> frame.path("type").asText().equals("error"))
                    .singleElement()
                    .satisfies(busy -> {
                        assertThat(busy.path("code").asText()).isEqualTo("busy");
                        assertThat(busy.path("id").asText()).isEqualTo("m2");
                    });
            assertThat(untilDone)
                    .filteredOn(frame -> frame.path("type").asText().equals("event"))
                    .allSatisfy(
                            event -> assertThat(event.path("runId").asText()).isEqualTo(runId))
                    .hasSize(5);

            bob.send("{\"type\":\"message\",\"id\":\"b2\",\"text\":\"now?\"}");
            assertThat(bob.expect("ack").path("id").asText()).isEqualTo("b2");
        }
    }

    /** Frames up to the run's {@code agent_completed} event. */
    private static List<JsonNode> untilCompleted(TestSocket socket) {
        List<JsonNode> frames = new ArrayList<>();
        JsonNode frame;
        do {
            frame = socket.next();
            frames.add(frame);
        } while (!frame.path("event").asText().equals("agent_completed"));
        return frames;
    }
}
