package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.RawSocket;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Duration;
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

    @Test
    void aSocketWithoutAuthWithinTheTimeoutClosesWith4002() {
        try (TestSocket socket = TestSocket.connect(port)) {
            String id = socket.expect("welcome").path("connectionId").asText();
            assertThat(socket.awaitClose()).isEqualTo(4002);
            assertThat(registry.find(id).orElseThrow().closeReason()).isEqualTo(CloseReason.AUTH_TIMEOUT);
        }
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
