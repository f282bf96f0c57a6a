package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.RawSocket;
import dev.switchboard.gateway.support.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every server frame is one WebSocket frame, however much larger than the 1 KB socket buffer it is: a client that reads
 * frames off the wire and does not reassemble fragments reads a large agent event live and again in a resume.
 */
class WholeFramesIT extends PostgresIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 3;

    @LocalServerPort
    int port;

    @Test
    void aLargeAgentEventArrivesAsOneFrameLiveAndInAResume() throws IOException {
        String user = Tokens.newUserId();
        String token = Tokens.user(user);
        var api = new ApiClient(port);
        try (RawSocket live = RawSocket.upgrade(port, 64 * 1024)) {
            authenticate(live, token, "");
            for (int seq = 1; seq <= EVENTS; seq++) {
                var pushed = api.postJson(
                        "/api/users/" + user + "/events",
                        Tokens.publisher(),
                        JSON.writeValueAsString(Map.of(
                                "runId", "run-large",
                                "event", "agent_thinking",
                                "data", Map.of("text", largeText(seq)))));
                assertThat(pushed.status()).as(pushed.raw()).isEqualTo(202);
                assertLargeEvent(live.readWholeText(), seq);
            }
        }

        try (RawSocket resumed = RawSocket.upgrade(port, 64 * 1024)) {
            authenticate(resumed, token, ",\"lastSeq\":0");
            for (int seq = 1; seq <= EVENTS; seq++) {
                assertLargeEvent(resumed.readWholeText(), seq);
            }
        }
    }

    private static void authenticate(RawSocket socket, String token, String resume) throws IOException {
        assertThat(type(socket.readWholeText())).isEqualTo("welcome");
        socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"" + resume + "}");
        assertThat(type(socket.readWholeText())).isEqualTo("ready");
    }

    /** Several KB of UTF-8, with characters of two and three bytes, different for each event. */
    private static String largeText(int seq) {
        return ("event " + seq + ": ünïcödé → ").repeat(400);
    }

    private static void assertLargeEvent(String frame, int seq) throws IOException {
        assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(8 * 1024);
        JsonNode event = JSON.readTree(frame);
        assertThat(event.path("type").asText()).isEqualTo("event");
        assertThat(event.path("seq").asLong()).isEqualTo(seq);
        assertThat(event.at("/data/text").asText()).isEqualTo(largeText(seq));
    }

    private static String type(String frame) throws IOException {
        return JSON.readTree(frame).path("type").asText();
    }
}
