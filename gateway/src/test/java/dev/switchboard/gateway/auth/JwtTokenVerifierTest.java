package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.gateway.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** The WebSocket's token check, on a real Nimbus decoder with the test secret. */
class JwtTokenVerifierTest {

    private final TokenVerifier verifier = new JwtTokenVerifier(TokenDecoders.hs256(
            Tokens.SECRET.getBytes(StandardCharsets.UTF_8), TokenRules.defaults(Clock.systemUTC())));

    @Test
    void aValidTokenYieldsItsUserExpiryAndScopes() throws InvalidTokenException {
        VerifiedToken token = verifier.verify(Tokens.withScopes("alice", "admin", "events:publish"));

        assertThat(token.userId()).isEqualTo("alice");
        assertThat(token.expiresAt()).isCloseTo(Instant.now().plus(1, ChronoUnit.HOURS), within(5, ChronoUnit.SECONDS));
        assertThat(token.scopes()).containsExactlyInAnyOrder("admin", "events:publish");
        assertThat(token.hasScope(VerifiedToken.ADMIN)).isTrue();
    }

    @Test
    void aUserTokenHasNoScopes() throws InvalidTokenException {
        assertThat(verifier.verify(Tokens.user("bob")).scopes()).isEmpty();
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of(
                        "signed with another key",
                        (Supplier<String>) () -> Tokens.signedWithOtherKey("alice"),
                        TokenRefusal.MALFORMED),
                Arguments.of("alg none", (Supplier<String>) () -> Tokens.algNone("alice"), TokenRefusal.MALFORMED),
                Arguments.of("expired", (Supplier<String>) () -> Tokens.expired("alice"), TokenRefusal.EXPIRED),
                Arguments.of("without sub", (Supplier<String>) Tokens::withoutSub, TokenRefusal.NO_SUBJECT),
                Arguments.of(
                        "without exp", (Supplier<String>) () -> Tokens.withoutExpiry("alice"), TokenRefusal.NO_EXPIRY),
                Arguments.of("not a JWT", (Supplier<String>) () -> "not-a-jwt", TokenRefusal.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aBadTokenIsRefusedWithAReasonThatDoesNotQuoteIt(String kind, Supplier<String> minted, TokenRefusal reason) {
        String token = minted.get();

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(InvalidTokenException.class, refused -> assertThat(refused.code())
                        .isEqualTo(reason.code()))
                .hasMessage(reason.sentence())
                .message()
                .doesNotContain(token);
    }

    @Test
    void aTokenTheCacheKeepsNamesItsUserFromTheKeptClaims() throws InvalidTokenException {
        // not a JWT at all, so parsing it names nobody: only the kept claims can name alice
        String opaque = "opaque-token";
        Jwt alices = Jwt.withTokenValue(opaque)
                .header("alg", "HS256")
                .subject("alice")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plus(1, ChronoUnit.HOURS))
                .build();
        var cached = new JwtTokenVerifier(VerifiedTokenCache.around(
                token -> alices, jwt -> OAuth2TokenValidatorResult.success(), 10, Duration.ofMinutes(1)));

        assertThat(cached.claimedUser(opaque)).isNull();
        cached.verify(opaque);
        assertThat(cached.claimedUser(opaque)).isEqualTo("alice");
        assertThat(cached.claimedUser(Tokens.user("bob"))).isEqualTo("bob");
    }

    @Test
    void aMissingTokenIsRefused() {
        assertThatThrownBy(() -> verifier.verify(" ")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aScopeClaimGivenAsAListIsReadAsWell() {
        assertThat(VerifiedTokens.scopes(java.util.List.of("admin", "events:publish")))
                .containsExactlyInAnyOrder("admin", "events:publish");
        assertThat(VerifiedTokens.scopes("  admin   events:publish "))
                .containsExactlyInAnyOrder("admin", "events:publish");
        assertThat(VerifiedTokens.scopes(null)).isEmpty();
    }
}
