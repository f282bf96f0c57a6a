package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.RawSocket;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Clients that stay silent: no auth in time, or no pong in time. Short timeouts keep the test fast. */
@TestPropertySource(
        properties = {
            "switchboard.gateway.auth-timeout=1s",
            "switchboard.gateway.heartbeat-interval=1s",
            "switchboard.gateway.heartbeat-timeout=3s"
        })
class TimeoutsIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    LocalSockets sockets;

    @Autowired
    SocketExecutors executors;

    @Test
    void aSocketWithoutAuthWithinTheTimeoutClosesWith4002() {
        try (TestSocket socket = TestSocket.connect(port)) {
            String id = socket.expect("welcome").path("connectionId").asText();
            assertThat(socket.awaitClose()).isEqualTo(4002);
            assertThat(registry.find(id).orElseThrow().closeReason()).isEqualTo(CloseReason.AUTH_TIMEOUT);
        }
    }

    /**
     * The auth deadline's task holds the socket, and through it the container's session and buffers, until it runs:
     * left to run out, it kept the sockets of the last 10 s alive long after they closed. A socket that is READY, or
     * closed before it authenticated, has its deadline cancelled and out of the timer's queue at once.
     */
    @Test
    void aSocketPastItsAuthLeavesNoDeadlineBehindOnTheTimer() {
        ScheduledFuture<?> ready;
        try (TestSocket socket = TestSocket.connect(port)) {
            ScheduledFuture<?> deadline = armedDeadline(socket.expect("welcome"));
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(Tokens.newUserId()) + "\"}");
            socket.expect("ready");
            assertThat(deadline.isCancelled()).isTrue();
            ready = deadline;
        }
        ScheduledFuture<?> closedEarly;
        try (TestSocket socket = TestSocket.connect(port)) {
            closedEarly = armedDeadline(socket.expect("welcome"));
        }
        await().atMost(TestSocket.WAIT).until(closedEarly::isCancelled);
        assertThat(((ScheduledThreadPoolExecutor) executors.scheduler()).getQueue())
                .doesNotContain((Runnable) ready, (Runnable) closedEarly);
    }

    private ScheduledFuture<?> armedDeadline(JsonNode welcome) {
        SocketSession session = sockets.find(welcome.path("connectionId").asText());
        await().atMost(TestSocket.WAIT).until(() -> session.authDeadline() != null);
        return session.authDeadline();
    }

    @Test
    void aClientThatAnswersPingsStaysOpenPastTheHeartbeatTimeout() {
        try (TestSocket socket = TestSocket.connect(port)) {
            String finalId = socket.authenticate(Tokens.user(Tokens.newUserId()))
                    .path("connectionId")
                    .asText();
            await().pollDelay(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(8))
                    .until(() -> true);
            assertThat(socket.isClosed()).isFalse();
            assertThat(registry.find(finalId).orElseThrow().state()).isEqualTo(ConnectionState.READY);
        }
    }

    @Test
    void aClientThatNeverAnswersIsClosedAfterTheHeartbeatTimeoutWithTheReasonLogged() throws Exception {
        String user = Tokens.newUserId();
        try (RawSocket silent = RawSocket.upgrade(port, 64 * 1024)) {
            silent.sendText("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\"}");
            await().atMost(TestSocket.WAIT).untilAsserted(() -> assertThat(registry.ofUser(user, ConnectionState.READY))
                    .hasSize(1));
            await().atMost(TestSocket.WAIT).untilAsserted(() -> assertThat(registry.ofUser(user, null))
                    .singleElement()
                    .satisfies(c -> assertThat(c.closeReason()).isEqualTo(CloseReason.HEARTBEAT_TIMEOUT)));
        }
    }
}
