package dev.switchboard.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.Tokens;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Who gets past the door: every /api call needs a valid bearer token, metrics an operator's (scope admin), probes and
 * the socket upgrade none.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiAuthenticationIT extends ApiIntegrationTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/connections",
                "/api/connections/some-id",
                "/api/connections/some-id/history",
                "/api/anything-else"
            })
    void withoutATokenTheAnswerIs401WithABearerChallenge(String path) {
        var answer = api.get(path, null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.wwwAuthenticate()).hasValue("Bearer");
        assertThat(answer.body().path("error").asText()).isEqualTo("missing_token");
        assertThat(answer.body().path("message").asText()).contains("Authorization: Bearer");
        assertNoInternals(answer.raw());
    }

    @Test
    void aNonBearerAuthorizationHeaderCountsAsNoToken() {
        var answer = api.getWithAuthorization("/api/connections", "Basic YWxpY2U6c2VjcmV0");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("error").asText()).isEqualTo("missing_token");
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of(
                        "signed with another key",
                        (Supplier<String>) () -> Tokens.signedWithOtherKey("alice"),
                        "token_invalid",
                        "not signed by a key"),
                Arguments.of("alg none", (Supplier<String>) () -> Tokens.algNone("alice"), "token_invalid", "unsigned"),
                Arguments.of("expired", (Supplier<String>) () -> Tokens.expired("alice"), "token_expired", "expired"),
                Arguments.of("without sub", (Supplier<String>) Tokens::withoutSub, "token_without_subject", "no sub"),
                Arguments.of(
                        "without exp",
                        (Supplier<String>) () -> Tokens.withoutExpiry("alice"),
                        "token_without_expiry",
                        "no exp"),
                Arguments.of("not a JWT", (Supplier<String>) () -> "not.a.jwt", "token_invalid", "malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aRefusedTokenIs401WithAReasonButNeverTheToken(
            String kind, Supplier<String> minted, String code, String sentence) {
        String token = minted.get();

        var answer = api.get("/api/connections", token);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.wwwAuthenticate()).hasValue("Bearer error=\"invalid_token\"");
        assertThat(answer.body().path("error").asText()).isEqualTo("invalid_token");
        assertThat(answer.body().path("reason").asText()).isEqualTo(code);
        assertThat(answer.body().path("message").asText()).contains(sentence);
        assertThat(answer.raw()).doesNotContain(token);
        assertNoInternals(answer.raw());
    }

    @Test
    void aRefusedTokenIs401EvenWhereItsScopeWouldNotSuffice() {
        assertThat(api.delete("/api/connections/x", Tokens.expired("alice")).status())
                .isEqualTo(401);
        assertThat(api.postJson("/api/users/alice/events", null, "{}").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info"})
    void probesNeedNoToken(String path) {
        assertThat(api.get(path, null).status()).isEqualTo(200);
    }

    @Test
    void metricsNeedAnOperatorsToken() {
        var anonymous = api.get("/actuator/prometheus", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("error").asText()).isEqualTo("missing_token");
        assertThat(anonymous.raw()).doesNotContain("switchboard_");

        var user = api.get("/actuator/prometheus", Tokens.user(Tokens.newUserId()));
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.wwwAuthenticate()).hasValue("Bearer error=\"insufficient_scope\", scope=\"admin\"");
        assertThat(user.raw()).doesNotContain("switchboard_");

        var operator = api.get("/actuator/prometheus", Tokens.admin());
        assertThat(operator.status()).isEqualTo(200);
        assertThat(operator.raw()).contains("switchboard_auth_circuits_open");
    }

    @Test
    void theWebSocketEndpointNeedsNoTokenBecauseItAuthenticatesInBand() {
        // a plain GET is not an upgrade, so the socket endpoint refuses it; what matters is that security let it by
        assertThat(api.get("/ws", null).status()).isNotIn(401, 403);
    }

    @Test
    void aPlainGetOfTheWebSocketEndpointIs400SayingWhatIsMissingAndLogsNoError(CapturedOutput output) {
        var answer = api.get("/ws", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.raw()).contains("Upgrade: websocket");
        assertThat(output.getOut().lines()).noneMatch(line -> line.contains(" ERROR ") && line.contains("Handshake"));
    }

    @Test
    void anUnknownApiPathWithAValidTokenIs404InTheApiErrorShape() {
        var answer = api.get("/api/nothing/here", Tokens.user(Tokens.newUserId()));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("error").asText()).isEqualTo("not_found");
        assertNoInternals(answer.raw());
    }

    static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception", "exception", "trace", "\tat ", "java.", "org.springframework");
    }
}
