package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.feed.AgentEventPublisher;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.RawSocket;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A server's close reaches a client whose events are still being written, with its code, after them. Tomcat gives a
 * close frame with a code other than 1000 only 50 ms to get its turn behind a write in progress, then drops the
 * connection without one: a kick read as 1006 instead of 4010 on a loaded machine, and a client told 1006 reconnects
 * where 4010 tells it not to. Here the client reads nothing while the kick is made and for a second after it, twenty
 * times that grace, with megabytes of events waiting for it.
 */
// The limits leave the stalled client open (this is not the slow-consumer case): 64 MB may wait, a write 30 s.
@TestPropertySource(
        properties = {"switchboard.gateway.send-buffer-limit=64MB", "switchboard.gateway.send-time-limit=30s"})
class CloseBehindQueuedFramesIT extends PostgresIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 6.4 MB of events: more than loopback's socket buffers take (4 MB sent, 4 KB received), so a write waits. */
    private static final int EVENTS = 400;

    private static final int CLOSE = 0x8;
    private static final int TEXT = 0x1;
    private static final long STALLED_MILLIS = 1_000;

    @LocalServerPort
    int port;

    @Autowired
    AgentEventPublisher publisher;

    @Autowired
    LocalSockets sockets;

    @Test
    void aKickOfASocketWithEventsStillBeingWrittenReachesItAs4010AfterThem() throws Exception {
        String user = Tokens.newUserId();
        try (RawSocket client = RawSocket.upgrade(port, 4 * 1024)) {
            assertThat(type(client.readWholeText())).isEqualTo("welcome");
            client.sendText("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\"}");
            JsonNode ready = JSON.readTree(client.readWholeText());
            assertThat(ready.path("type").asText()).isEqualTo("ready");

            String padding = "z".repeat(16 * 1024);
            for (int i = 0; i < EVENTS; i++) {
                publisher.publish(user, "run-bulk", "agent_thinking", Map.of("pad", padding));
            }
            SocketSession session = sockets.all().stream()
                    .filter(socket -> user.equals(socket.userId()))
                    .findFirst()
                    .orElseThrow();
            await("a write waiting on the client")
                    .atMost(TestSocket.WAIT)
                    .until(() -> session.outbox().queuedBytes() > 1024 * 1024);

            var kick = new ApiClient(port)
                    .delete("/api/connections/" + ready.path("connectionId").asText(), Tokens.admin());
            assertThat(kick.status()).as(kick.raw()).isEqualTo(204);
            Thread.sleep(STALLED_MILLIS); // the condition under test: a client that reads nothing for a while

            List<Long> seqs = new ArrayList<>();
            RawSocket.Frame frame;
            while ((frame = client.readFrame()).opcode() != CLOSE) { // an EOF here is the close lost: 1006
                assertThat(frame.opcode()).isEqualTo(TEXT);
                seqs.add(JSON.readTree(frame.text()).path("seq").asLong());
            }
            assertThat(closeCode(frame)).as("the close frame's code").isEqualTo(4010);
            assertThat(seqs)
                    .as("the events written before the close, in order from the first")
                    .isNotEmpty()
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        }
    }

    private static String type(String frame) throws Exception {
        return JSON.readTree(frame).path("type").asText();
    }

    private static int closeCode(RawSocket.Frame close) {
        byte[] payload = close.payload();
        return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
}
