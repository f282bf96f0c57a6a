package dev.switchboard.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.support.HardenedNodeTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A client sending faster than its rate: the excess is answered rate_limited, by id, and the socket stays. */
class FrameFloodIT extends HardenedNodeTest {

    private static final int FLOOD = 20;

    @Test
    void messagesBeyondTheRateAreAnsweredRateLimitedWithTheirIdsAndTheSocketStaysOpen() {
        try (TestSocket socket = connectFrom(newAddress())) {
            socket.authenticate(Tokens.user(Tokens.newUserId()));
            long started = System.nanoTime();
            for (int i = 1; i <= FLOOD; i++) {
                socket.send("{\"type\":\"message\",\"id\":\"m" + i + "\",\"text\":\"flood\"}");
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            Map<String, String> answers = new LinkedHashMap<>();
            while (answers.size() < FLOOD) {
                JsonNode frame = socket.next();
                switch (frame.path("type").asText()) {
                    case "ack" -> answers.put(frame.path("id").asText(), "ack");
                    case "error" ->
                        answers.put(
                                frame.path("id").asText(), frame.path("code").asText());
                    default -> {} // the accepted messages' agent events
                }
            }
            assertThat(answers.keySet())
                    .as("each message answered once, in order")
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, FLOOD)
                            .mapToObj(i -> "m" + i)
                            .toList());
            assertThat(answers.values()).containsOnly("ack", "rate_limited").contains("ack", "rate_limited");
            assertThat(answers.values())
                    .filteredOn("ack"::equals)
                    .hasSizeLessThanOrEqualTo(FRAME_BURST + (int) Math.ceil(seconds * FRAMES_PER_SECOND));

            await().atMost(TestSocket.WAIT).until(() -> answersPing(socket));
            assertThat(socket.isClosed()).isFalse();
        }
    }

    /** Sends a ping: true for its pong, false while the bucket is still empty. */
    private static boolean answersPing(TestSocket socket) {
        socket.send("{\"type\":\"ping\"}");
        while (true) {
            String type = socket.next().path("type").asText();
            if (type.equals("pong") || type.equals("error")) {
                return type.equals("pong");
            }
        }
    }
}
