package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A token that runs out on a live socket closes it with 4001, unless a fresh auth for the same user came first. */
class TokenExpiryIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    @Test
    void aTokenExpiringOnALiveSocketClosesItWith4001() {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            String finalId = socket.authenticate(Tokens.expiringIn(user, Duration.ofSeconds(2)))
                    .path("connectionId")
                    .asText();
            assertThat(socket.awaitClose()).isEqualTo(4001);
            assertThat(registry.find(finalId).orElseThrow().closeReason()).isEqualTo(CloseReason.TOKEN_EXPIRED);
        }
    }

    @Test
    void aFreshAuthBeforeExpiryKeepsTheSocketOpen() {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            String finalId = socket.authenticate(Tokens.expiringIn(user, Duration.ofSeconds(3)))
                    .path("connectionId")
                    .asText();
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\"}");
            socket.expect("ready");

            // the first token's expiry passes; the socket must still answer
            org.awaitility.Awaitility.await()
                    .pollDelay(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(7))
                    .until(() -> true);
            socket.send("{\"type\":\"ping\"}");
            socket.expect("pong");
            assertThat(registry.find(finalId).orElseThrow().state()).isEqualTo(ConnectionState.READY);
        }
    }
}
