package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.TokenRulesNodeTest;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On a node that requires an issuer and an audience, with a 2 h maximum lifetime: each token that breaks a rule is
 * refused the same way on a socket (4001, its code and sentence in the close frame, AUTH_FAILED and the same text in
 * the log) and over HTTP (401 invalid_token, the code as {@code reason}, the sentence as {@code message}); a token
 * within every rule is accepted by both.
 */
class TokenClaimsIT extends TokenRulesNodeTest {

    @Autowired
    ConnectionRegistry registry;

    static Stream<Arguments> refused() {
        return Stream.of(
                refused("another issuer", c -> c.issuer("https://login.evil.test"), TokenRefusal.WRONG_ISSUER),
                refused("no issuer", c -> c.issuer(null), TokenRefusal.WRONG_ISSUER),
                refused("another audience", c -> c.audience("billing"), TokenRefusal.WRONG_AUDIENCE),
                refused("no audience", c -> c.audience((String) null), TokenRefusal.WRONG_AUDIENCE),
                refused("no exp", c -> c.expirationTime(null), TokenRefusal.NO_EXPIRY),
                refused(
                        "expired beyond the clock skew",
                        c -> c.issueTime(secondsFromNow(-3600)).expirationTime(secondsFromNow(-60)),
                        TokenRefusal.EXPIRED),
                refused(
                        "exp - iat over the maximum lifetime",
                        c -> c.expirationTime(secondsFromNow(MAX_LIFETIME.toSeconds() + 3600)),
                        TokenRefusal.TOO_LONG_LIVED),
                refused(
                        "no iat and valid for longer than the maximum from now",
                        c -> c.issueTime(null).expirationTime(secondsFromNow(MAX_LIFETIME.toSeconds() + 3600)),
                        TokenRefusal.TOO_LONG_LIVED));
    }

    private static Arguments refused(String kind, UnaryOperator<JWTClaimsSet.Builder> change, TokenRefusal refusal) {
        return Arguments.of(kind, change, refusal);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aTokenBreakingARuleClosesTheSocketWith4001AndItsReason(
            String kind, UnaryOperator<JWTClaimsSet.Builder> change, TokenRefusal refusal) {
        String user = Tokens.newUserId();
        String token = Tokens.signed(change.apply(claims(user)));
        try (TestSocket socket = TestSocket.connect(port)) {
            String id = socket.expect("welcome").path("connectionId").asText();
            socket.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");

            assertThat(socket.awaitClose()).isEqualTo(4001);
            assertThat(socket.closeReason()).isEqualTo(refusal.code() + ": " + refusal.sentence());
            await().atMost(TestSocket.WAIT).untilAsserted(() -> assertThat(registry.find(id))
                    .hasValueSatisfying(row -> assertThat(row.closeReason()).isEqualTo(CloseReason.AUTH_FAILED)));
            JsonNode closed = lastEvent(id);
            assertThat(closed.path("type").asText()).isEqualTo("ConnectionClosed");
            assertThat(closed.path("payload").path("detail").asText()).isEqualTo(refusal.closeText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aTokenBreakingARuleIsAnswered401WithItsReason(
            String kind, UnaryOperator<JWTClaimsSet.Builder> change, TokenRefusal refusal) {
        String token = Tokens.signed(change.apply(claims(Tokens.newUserId())));

        var answer = new ApiClient(port).get("/api/connections", token);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.wwwAuthenticate()).hasValue("Bearer error=\"invalid_token\"");
        assertThat(answer.body().path("error").asText()).isEqualTo("invalid_token");
        assertThat(answer.body().path("reason").asText()).isEqualTo(refusal.code());
        assertThat(answer.body().path("message").asText()).isEqualTo(refusal.sentence());
        assertThat(answer.raw()).doesNotContain(token);
    }

    @Test
    void aTokenWithinEveryRuleIsAcceptedOnASocketAndOverHttp() {
        String user = Tokens.newUserId();
        String token = Tokens.signed(claims(user)
                .audience(List.of("billing", AUDIENCE))
                .expirationTime(secondsFromNow(MAX_LIFETIME.toSeconds())));
        try (TestSocket socket = TestSocket.connect(port)) {
            assertThat(socket.authenticate(token).path("userId").asText()).isEqualTo(user);
            socket.send("{\"type\":\"ping\"}");
            socket.expect("pong");
        }
        var answer = new ApiClient(port).get("/api/connections", token);
        assertThat(answer.status()).isEqualTo(200);
    }

    private JsonNode lastEvent(String connectionId) {
        var history = new ApiClient(port)
                .get(
                        "/api/connections/" + connectionId + "/history",
                        Tokens.signed(claims("operator").claim("scope", "admin")));
        assertThat(history.status()).isEqualTo(200);
        JsonNode events = history.body().path("events");
        return events.get(events.size() - 1);
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }
}
