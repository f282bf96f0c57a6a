package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.feed.FeedLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Messages pipelined behind a refused token are dropped with the close, never processed. */
class AuthFailureIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    FeedLog feed;

    @Test
    void messagesHeldBehindARefusedTokenAreDroppedWithTheClose() {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.expect("welcome");
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.expired(user) + "\"}");
            socket.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"never\"}");
            socket.send("{\"type\":\"message\",\"id\":\"m2\",\"text\":\"never\"}");

            assertThat(socket.awaitClose()).isEqualTo(4001);
            assertThat(socket.drain())
                    .noneMatch(frame -> frame.path("type").asText().equals("ack"));
            assertThat(feed.head(user)).isZero();
        }
    }
}
