package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.feed.FeedLog;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The seed incident's first race: messages arriving before the handshake has finished. */
class HandshakeRaceIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    FeedLog feed;

    @Test
    void aMessageBeforeAuthIsRefusedWithItsIdAndNotProcessed() {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.expect("welcome");
            socket.send("{\"type\":\"message\",\"id\":\"early\",\"text\":\"too soon\"}");
            JsonNode error = socket.expect("error");
            assertThat(error.path("code").asText()).isEqualTo("not_authenticated");
            assertThat(error.path("id").asText()).isEqualTo("early");

            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\"}");
            socket.expect("ready");
            socket.send("{\"type\":\"ping\"}");
            socket.expect("pong");
            assertThat(feed.head(user)).as("no agent run was started").isZero();
        }
    }

    @Test
    void authAndMessagesSentInOneBurstAreAnsweredInOrderAfterReady() {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.expect("welcome");
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\"}");
            for (int i = 1; i <= 3; i++) {
                socket.send("{\"type\":\"message\",\"id\":\"m" + i + "\",\"text\":\"burst " + i + "\"}");
            }
            socket.expect("ready");
            List<JsonNode> frames = socket.next(3 + 15);
            assertThat(frames)
                    .filteredOn(f -> f.path("type").asText().equals("ack"))
                    .extracting(f -> f.path("id").asText())
                    .containsExactly("m1", "m2", "m3");
            assertThat(frames)
                    .filteredOn(f -> f.path("type").asText().equals("event"))
                    .extracting(f -> f.path("seq").asLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        }
    }

    /**
     * The handshake is held up by a lock on the registry (a slow database), so the messages pipelined behind the
     * auth frame are certainly held: 16 of them are processed after ready, the rest are refused at once.
     */
    @Test
    void atMostSixteenMessagesAreHeldDuringTheHandshake() throws Exception {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port);
                Connection slowDatabase = TestDatabase.shared().connect()) {
            socket.expect("welcome");
            slowDatabase.setAutoCommit(false);
            slowDatabase.createStatement().execute("LOCK TABLE connection_registry IN EXCLUSIVE MODE");

            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\"}");
            for (int i = 1; i <= 20; i++) {
                socket.send("{\"type\":\"message\",\"id\":\"m" + i + "\",\"text\":\"queued " + i + "\"}");
            }
            List<JsonNode> refused = socket.next(4);
            assertThat(refused)
                    .allSatisfy(f -> assertThat(f.path("code").asText()).isEqualTo("rate_limited"));
            assertThat(refused).extracting(f -> f.path("id").asText()).containsExactly("m17", "m18", "m19", "m20");

            slowDatabase.commit();
            socket.expect("ready");
            List<JsonNode> after = socket.next(16 + 80);
            assertThat(after)
                    .filteredOn(f -> f.path("type").asText().equals("ack"))
                    .extracting(f -> f.path("id").asText())
                    .containsExactly(
                            "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14",
                            "m15", "m16");
        }
    }
}
