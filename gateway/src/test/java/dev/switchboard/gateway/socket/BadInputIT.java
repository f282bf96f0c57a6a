package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every bad input of the contract: answered with an error that keeps the socket, or a close that says why. */
class BadInputIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[1,2]",
                "{\"type\":\"dance\"}",
                "{\"id\":\"x\"}",
                "{\"type\":\"auth\"}",
                "{\"type\":\"message\",\"id\":\"m\"}",
                "{\"type\":\"auth\",\"token\":\"t\",\"lastSeq\":-1}"
            })
    void aMalformedFrameIsABadRequestAndTheSocketStaysOpen(String frame) {
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.expect("welcome");
            socket.send(frame);
            JsonNode error = socket.expect("error");
            assertThat(error.path("code").asText()).isEqualTo("bad_request");
            assertThat(error.path("message").asText()).isNotBlank();
            socket.send("{\"type\":\"ping\"}");
            socket.expect("pong");
        }
    }

    @Test
    void aBinaryFrameClosesWith1003AndTheReasonIsLogged() {
        try (TestSocket socket = TestSocket.connect(port)) {
            String id = socket.expect("welcome").path("connectionId").asText();
            socket.sendBinary(new byte[] {1, 2, 3});
            assertThat(socket.awaitClose()).isEqualTo(1003);
            awaitClosedWith(id, CloseReason.PROTOCOL_ERROR);
        }
    }

    @Test
    void aFrameOverSixtyFourKibibytesClosesWith1009() {
        try (TestSocket socket = TestSocket.connect(port)) {
            String id = socket.expect("welcome").path("connectionId").asText();
            socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertThat(socket.awaitClose()).isEqualTo(1009);
            awaitClosedWith(id, CloseReason.PROTOCOL_ERROR);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "expired", "other-key", "alg-none", "no-sub", "no-exp"})
    void aRefusedTokenClosesWith4001AndSaysWhy(String kind) {
        String token =
                switch (kind) {
                    case "expired" -> Tokens.expired(Tokens.newUserId());
                    case "other-key" -> Tokens.signedWithOtherKey(Tokens.newUserId());
                    case "alg-none" -> Tokens.algNone(Tokens.newUserId());
                    case "no-sub" -> Tokens.withoutSub();
                    case "no-exp" -> Tokens.withoutExpiry(Tokens.newUserId());
                    default -> "not.a.token";
                };
        String code =
                switch (kind) {
                    case "expired" -> "token_expired";
                    case "no-sub" -> "token_without_subject";
                    case "no-exp" -> "token_without_expiry";
                    default -> "token_invalid";
                };
        try (TestSocket socket = TestSocket.connect(port)) {
            String id = socket.expect("welcome").path("connectionId").asText();
            socket.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            assertThat(socket.awaitClose()).isEqualTo(4001);
            assertThat(socket.closeReason()).startsWith(code + ": The bearer token ");
            awaitClosedWith(id, CloseReason.AUTH_FAILED);
        }
    }

    @Test
    void aSecondAuthForTheSameUserIsAnsweredWithReadyAgain() {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            String finalId =
                    socket.authenticate(Tokens.user(user)).path("connectionId").asText();
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\"}");
            assertThat(socket.expect("ready").path("connectionId").asText()).isEqualTo(finalId);
        }
    }

    @Test
    void aSecondAuthForAnotherUserClosesWith4003AndTheRefusalIsInTheHistory() {
        try (TestSocket socket = TestSocket.connect(port)) {
            String finalId = socket.authenticate(Tokens.user(Tokens.newUserId()))
                    .path("connectionId")
                    .asText();
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(Tokens.newUserId()) + "\"}");
            assertThat(socket.awaitClose()).isEqualTo(4003);
            String preliminaryId = registry.find(finalId).orElseThrow().preliminaryId();
            awaitClosedWith(preliminaryId, CloseReason.FORBIDDEN);
            assertThat(jdbc.queryForList(
                            "SELECT CAST(convert_from(payload, 'UTF8') AS TEXT) FROM domain_event_entry "
                                    + "WHERE aggregate_identifier = ? AND payload_type LIKE '%Rejected'",
                            String.class, preliminaryId))
                    .singleElement()
                    .asString()
                    .contains("USER_MISMATCH");
        }
    }

    @Test
    void aMessageTextOverTheLimitIsTooLargeAndTheSocketStaysOpen() {
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.authenticate(Tokens.user(Tokens.newUserId()));
            socket.send("{\"type\":\"message\",\"id\":\"big\",\"text\":\"" + "y".repeat(20 * 1024) + "\"}");
            JsonNode error = socket.expect("error");
            assertThat(error.path("code").asText()).isEqualTo("too_large");
            assertThat(error.path("id").asText()).isEqualTo("big");
            socket.send("{\"type\":\"ping\"}");
            socket.expect("pong");
        }
    }

    private void awaitClosedWith(String id, CloseReason reason) {
        await().atMost(TestSocket.WAIT)
                .untilAsserted(() -> assertThat(registry.find(id).orElseThrow().closeReason())
                        .isEqualTo(reason));
    }
}
