package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.feed.AgentEventPublisher;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Feed events reach every READY connection of their user exactly once and in order, including across the id
 * migration and across a reconnect with {@code lastSeq}, while events keep arriving.
 */
class ResumeIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AgentEventPublisher publisher;

    @RepeatedTest(3)
    void eventsPushedWhileAConnectionMigratesAreDeliveredExactlyOnce() {
        String user = Tokens.newUserId();
        String token = Tokens.user(user);
        try (TestSocket first = TestSocket.connect(port)) {
            first.authenticate(token);
            var pushing = CompletableFuture.runAsync(() -> push(user, 30));
            try (TestSocket second = TestSocket.connect(port)) {
                second.expect("welcome");
                second.send("{\"type\":\"auth\",\"token\":\"" + token + "\",\"lastSeq\":0}");
                second.expect("ready");
                pushing.join();
                assertThat(events(second, 30)).containsExactlyElementsOf(range(1, 30));
                second.expectNothingQueued();
            }
            assertThat(events(first, 30)).containsExactlyElementsOf(range(1, 30));
            first.expectNothingQueued();
        }
    }

    @Test
    void aReconnectWithLastSeqGetsWhatItMissedThenLiveEventsEachOnce() {
        String user = Tokens.newUserId();
        String token = Tokens.user(user);
        try (TestSocket before = TestSocket.connect(port)) {
            before.authenticate(token);
            push(user, 5);
            assertThat(events(before, 5)).containsExactlyElementsOf(range(1, 5));
        }
        push(user, 5);

        var duringReconnect = CompletableFuture.runAsync(() -> push(user, 5));
        try (TestSocket after = TestSocket.connect(port)) {
            after.expect("welcome");
            after.send("{\"type\":\"auth\",\"token\":\"" + token + "\",\"lastSeq\":5}");
            JsonNode ready = after.expect("ready");
            assertThat(ready.path("lastSeq").asLong()).isBetween(10L, 15L);
            duringReconnect.join();
            assertThat(events(after, 10)).containsExactlyElementsOf(range(6, 15));
            after.expectNothingQueued();
        }
    }

    @Test
    void aConnectionWithoutLastSeqGetsOnlyEventsAfterItsReady() {
        String user = Tokens.newUserId();
        push(user, 3);
        try (TestSocket socket = TestSocket.connect(port)) {
            assertThat(socket.authenticate(Tokens.user(user)).path("lastSeq").asLong())
                    .isEqualTo(3);
            push(user, 2);
            assertThat(events(socket, 2)).containsExactly(4L, 5L);
        }
    }

    @Test
    void aResumeFromZeroReplaysOnlyTheAuthenticatedUsersOwnFeed() {
        String alice = Tokens.newUserId();
        String bob = Tokens.newUserId();
        push(alice, 3);
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.expect("welcome");
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(bob) + "\",\"lastSeq\":0}");
            assertThat(socket.expect("ready").path("lastSeq").asLong()).isZero();
            push(alice, 2);
            publisher.publish(bob, "run-bob", "agent_started", Map.of());

            JsonNode event = socket.expect("event");
            assertThat(event.path("seq").asLong()).isEqualTo(1);
            assertThat(event.path("runId").asText()).isEqualTo("run-bob");
            socket.expectNothingQueued();
        }
    }

    private void push(String user, int count) {
        for (int i = 0; i < count; i++) {
            publisher.publish(user, "run-external", "agent_thinking", Map.of("step", i));
        }
    }

    private static List<Long> events(TestSocket socket, int count) {
        return socket.next(count).stream()
                .peek(frame -> assertThat(frame.path("type").asText())
                        .as("frame %s", frame)
                        .isEqualTo("event"))
                .map(frame -> frame.path("seq").asLong())
                .toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
