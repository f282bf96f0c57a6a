package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.gateway.feed.AgentEventPublisher;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.RawSocket;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A client that stops reading is closed as a slow consumer; its user's other connection keeps receiving. */
// The limit leaves a reading client room for a burst even on a loaded machine; the stalled one exceeds any limit.
@TestPropertySource(
        properties = {"switchboard.gateway.send-buffer-limit=256KB", "switchboard.gateway.send-time-limit=5s"})
class SlowConsumerIT extends PostgresIntegrationTest {

    private static final int EVENTS = 400;
    private static final int BATCH = 8;

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    AgentEventPublisher publisher;

    @Test
    void aClientThatStopsReadingIsClosedAndDoesNotHoldUpTheOthers() throws Exception {
        String user = Tokens.newUserId();
        String token = Tokens.user(user);
        try (TestSocket reader = TestSocket.connect(port);
                RawSocket stalled = RawSocket.upgrade(port, 4 * 1024)) {
            reader.authenticate(token);
            stalled.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            await().atMost(TestSocket.WAIT)
                    .until(() -> registry.ofUser(user, ConnectionState.READY).size() == 2);

            // the reader keeps up: it takes each batch before the next is published, so it never has more than
            // BATCH × 16 KB waiting, half its limit, however fast the machine publishes; the stalled one reads nothing
            String padding = "z".repeat(16 * 1024);
            List<Long> received = new ArrayList<>();
            for (int published = 0; published < EVENTS; published += BATCH) {
                for (int i = 0; i < BATCH; i++) {
                    publisher.publish(user, "run-bulk", "agent_thinking", Map.of("pad", padding));
                }
                reader.next(BATCH)
                        .forEach(frame -> received.add(frame.path("seq").asLong()));
            }

            assertThat(received)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, EVENTS).boxed().toList());
            await().atMost(TestSocket.WAIT)
                    .untilAsserted(() -> assertThat(registry.ofUser(user, ConnectionState.CLOSED))
                            .singleElement()
                            .extracting(ConnectionView::closeReason)
                            .isEqualTo(CloseReason.SLOW_CONSUMER));
        }
    }
}
