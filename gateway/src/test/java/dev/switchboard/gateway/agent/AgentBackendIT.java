package dev.switchboard.gateway.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code SWITCHBOARD_AGENT_URL} set, a client's message goes to a real HTTP server standing in for the agent
 * backend, signed; the backend pushes the run's events through the push API and the client receives them over its
 * socket. A backend that is down, fails or is slow gets the client {@code error agent_unavailable}, and after enough
 * failures the breaker stops calling it. The timeline shows each message and its outcome. The tests share one node,
 * and so one breaker: they run in order, the breaker opening last.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentBackendIT extends PostgresIntegrationTest {

    private static final String SECRET = "agent-backend-test-secret-0123456789-abcdef";
    private static final BackendStandIn BACKEND = standIn();

    @DynamicPropertySource
    static void agentBackend(DynamicPropertyRegistry registry) {
        registry.add("switchboard.agent.url", BACKEND::url);
        registry.add("switchboard.agent.secret", () -> SECRET);
        registry.add("switchboard.agent.timeout", () -> "2s");
        registry.add("switchboard.agent.max-attempts", () -> "3");
        registry.add("switchboard.agent.retry-backoff", () -> "50ms");
        // wide enough that the down, failing and slow messages (nine attempts) cannot open it on their own
        registry.add("switchboard.agent.breaker-window", () -> "20");
        registry.add("switchboard.agent.breaker-open-for", () -> "10m");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @Test
    @Order(1)
    void aSignedMessageReachesTheBackendWhichPushesItsRunToTheClientAndTheTimelineShowsAll() {
        String alice = Tokens.newUserId();
        ApiClient api = new ApiClient(port);
        BACKEND.behave(new BackendStandIn.Behaviour() {
            @Override
            public int answer(JsonNode message) {
                return 202;
            }

            /** Runs the message once taken; a retried message pushes the same keys, so nothing twice. */
            @Override
            public void then(JsonNode message) {
                String events = "{\"events\":[" + event(message, "agent_started", "{}") + ","
                        + event(
                                message,
                                "agent_completed",
                                "{\"answer\":\"echo " + message.path("text").asText() + "\"}")
                        + "]}";
                var pushed = api.postJson("/api/events", Tokens.publisher(), events);
                assertThat(pushed.status()).as(pushed.raw()).isEqualTo(202);
            }
        });
        try (TestSocket socket = TestSocket.connect(port)) {
            String connectionId =
                    socket.authenticate(Tokens.user(alice)).path("connectionId").asText();
            Instant before = Instant.now();
            socket.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"hello\"}");
            // the ack waits for the outcome to be recorded, so the run's events may come before it
            List<JsonNode> frames = socket.next(3);

            JsonNode ack = only(frames, "ack");
            String runId = ack.path("runId").asText();
            assertThat(ack.path("id").asText()).isEqualTo("m1");
            assertThat(frames.stream().filter(f -> f.path("type").asText().equals("event")))
                    .extracting(f ->
                            f.path("event").asText() + "@" + f.path("runId").asText())
                    .containsExactly("agent_started@" + runId, "agent_completed@" + runId);

            assertThat(BACKEND.failures()).isEmpty();
            BackendStandIn.Received request = BACKEND.received().get(0);
            assertThat(request.signatureValid()).isTrue();
            assertThat(request.body().path("userId").asText()).isEqualTo(alice);
            assertThat(request.body().path("connectionId").asText()).isEqualTo(connectionId);
            assertThat(request.body().path("messageId").asText()).isEqualTo("m1");
            assertThat(request.body().path("runId").asText()).isEqualTo(runId);
            assertThat(request.body().path("text").asText()).isEqualTo("hello");
            assertThat(Instant.parse(request.body().path("sentAt").asText())).isBetween(before, Instant.now());

            List<JsonNode> steps = timeline(api, alice);
            assertThat(steps)
                    .extracting(step -> step.path("type").asText())
                    .containsSubsequence("AgentMessageForwarded", "AgentMessageAnswered")
                    .containsSubsequence("AgentMessageForwarded", "AgentEventPublished", "AgentEventPublished");
            assertThat(step(steps, "AgentMessageForwarded").path("text").asText())
                    .isEqualTo("hello");
            assertThat(step(steps, "AgentMessageAnswered").path("outcome").asText())
                    .isEqualTo("accepted");
            assertThat(step(steps, "AgentMessageAnswered").path("runId").asText())
                    .isEqualTo(runId);
            var ofConnection = api.get("/api/connections/" + connectionId + "/timeline", Tokens.user(alice));
            assertThat(ofConnection.body().path("steps").findValuesAsText("type"))
                    .containsSubsequence("ConnectionMarkedReady", "AgentMessageForwarded", "AgentMessageAnswered");
        }
    }

    @Test
    @Order(2)
    void aBackendThatIsDownFailsOrIsSlowAnswersAgentUnavailableAndTheBreakerThenStopsCallingIt(CapturedOutput output)
            throws Exception {
        String bob = Tokens.newUserId();
        ApiClient api = new ApiClient(port);
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.authenticate(Tokens.user(bob));

            BACKEND.down();
            JsonNode down = send(socket, "down");
            BACKEND.up();
            BACKEND.behave(message -> 500);
            int before = BACKEND.received().size();
            JsonNode failing = send(socket, "failing");
            assertThat(BACKEND.received().size() - before).as("attempts on 500").isEqualTo(3);
            BACKEND.behave(message -> {
                Thread.sleep(5_000); // beyond the 2 s timeout
                return 202;
            });
            JsonNode slow = send(socket, "slow");
            BACKEND.behave(message -> 500);
            JsonNode opening = null;
            for (int i = 0; i < 10 && opening == null; i++) {
                JsonNode error = send(socket, "opening-" + i);
                assertThat(error.path("code").asText()).isEqualTo("agent_unavailable");
                opening = error.path("message").asText().contains("failed too often") ? error : null;
            }
            assertThat(opening)
                    .as("the breaker opened within ten failing messages")
                    .isNotNull();
            int afterOpening = BACKEND.received().size();
            JsonNode open = send(socket, "open");

            assertThat(List.of(down, failing, slow, open))
                    .allSatisfy(error -> assertThat(error.path("code").asText()).isEqualTo("agent_unavailable"));
            assertThat(down.path("id").asText()).isEqualTo("down");
            assertThat(down.path("message").asText()).contains("could not be reached");
            assertThat(failing.path("message").asText()).contains("HTTP 500");
            assertThat(slow.path("message").asText()).contains("did not answer in time");
            assertThat(open.path("id").asText()).isEqualTo("open");
            assertThat(open.path("message").asText()).contains("failed too often");
            assertThat(BACKEND.received().size())
                    .as("no call while the breaker is open")
                    .isEqualTo(afterOpening);

            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.expect("pong")).isNotNull();
        }

        List<JsonNode> answered = timeline(api, bob).stream()
                .filter(step -> step.path("type").asText().equals("AgentMessageAnswered"))
                .map(step -> step.path("payload"))
                .filter(payload -> !payload.path("messageId").asText().startsWith("opening-"))
                .toList();
        assertThat(answered)
                .extracting(a -> a.path("messageId").asText() + " "
                        + a.path("outcome").asText() + " " + a.path("status").asInt() + " "
                        + a.path("attempts").asInt())
                .containsExactly(
                        "down unavailable 0 3",
                        "failing unavailable 500 3",
                        "slow unavailable 0 3",
                        "open unavailable 0 0");
        assertThat(output.getAll())
                .contains("agent backend did not take the message")
                .doesNotContain(SECRET);
    }

    private static JsonNode send(TestSocket socket, String id) {
        socket.send("{\"type\":\"message\",\"id\":\"" + id + "\",\"text\":\"are you there?\"}");
        return socket.expect("error");
    }

    private static String event(JsonNode message, String event, String data) {
        String runId = message.path("runId").asText();
        return "{\"userId\":\"" + message.path("userId").asText() + "\",\"runId\":\"" + runId + "\",\"event\":\""
                + event + "\",\"data\":" + data + ",\"idempotencyKey\":\"" + runId + ":" + event + "\"}";
    }

    private static JsonNode only(List<JsonNode> frames, String type) {
        List<JsonNode> matching = frames.stream()
                .filter(frame -> frame.path("type").asText().equals(type))
                .toList();
        assertThat(matching).as("%s frames in %s", type, frames).hasSize(1);
        return matching.get(0);
    }

    private static List<JsonNode> timeline(ApiClient api, String userId) {
        var answer = api.get("/api/users/" + userId + "/timeline", Tokens.admin());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return new ArrayList<>(StreamSupport.stream(answer.body().path("steps").spliterator(), false)
                .toList());
    }

    private static JsonNode step(List<JsonNode> steps, String type) {
        return steps.stream()
                .filter(step -> step.path("type").asText().equals(type))
                .findFirst()
                .orElseThrow()
                .path("payload");
    }

    private static BackendStandIn standIn() {
        try {
            return new BackendStandIn(SECRET);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
