package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.switchboard.gateway.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a correctly signed token must say besides, on a node that requires an issuer and an audience, with a 2 h
 * maximum lifetime and a 30 s clock skew, checked on a fixed clock so that each window's edge is exact. (A token whose
 * {@code exp} precedes its {@code iat} never gets as far: Spring refuses to build it, and it is refused as malformed.)
 */
class TokenRulesTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final String ISSUER = "https://login.example";
    private static final String AUDIENCE = "switchboard";
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final TokenVerifier verifier = new JwtTokenVerifier(TokenDecoders.hs256(
            Tokens.SECRET.getBytes(StandardCharsets.UTF_8),
            new TokenRules(
                    new JwtProperties(
                            Tokens.SECRET, null, ISSUER, AUDIENCE, Duration.ofHours(2), SKEW, 0, Duration.ZERO),
                    Clock.fixed(NOW, ZoneOffset.UTC))));

    /** Issued now for an hour by the right issuer for this audience: accepted as it is. */
    private static JWTClaimsSet.Builder good() {
        return new JWTClaimsSet.Builder()
                .subject("alice")
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(at(0))
                .expirationTime(at(3600));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                refused("no sub", c -> c.subject(null), TokenRefusal.NO_SUBJECT),
                refused("blank sub", c -> c.subject(" "), TokenRefusal.NO_SUBJECT),
                refused("no exp", c -> c.expirationTime(null), TokenRefusal.NO_EXPIRY),
                refused("no iss", c -> c.issuer(null), TokenRefusal.WRONG_ISSUER),
                refused("another iss", c -> c.issuer("https://login.example.evil"), TokenRefusal.WRONG_ISSUER),
                refused("no aud", c -> c.audience((String) null), TokenRefusal.WRONG_AUDIENCE),
                refused("another aud", c -> c.audience("billing"), TokenRefusal.WRONG_AUDIENCE),
                refused(
                        "expired beyond the skew",
                        c -> c.issueTime(at(-3600)).expirationTime(at(-31)),
                        TokenRefusal.EXPIRED),
                refused("nbf beyond the skew", c -> c.notBeforeTime(at(31)), TokenRefusal.NOT_YET_VALID),
                refused("exp - iat over 2 h", c -> c.expirationTime(at(7201)), TokenRefusal.TOO_LONG_LIVED),
                refused(
                        "issued long ago, exp - iat over 2 h",
                        c -> c.issueTime(at(-7200)).expirationTime(at(60)),
                        TokenRefusal.TOO_LONG_LIVED),
                refused(
                        "no iat, valid for over 2 h from now",
                        c -> c.issueTime(null).expirationTime(at(7231)),
                        TokenRefusal.TOO_LONG_LIVED),
                refused(
                        "iat in the future, valid for over 2 h from now",
                        c -> c.issueTime(at(3600)).expirationTime(at(7231)),
                        TokenRefusal.TOO_LONG_LIVED),
                refused(
                        "wrong issuer and expired: the issuer is named",
                        c -> c.issuer("https://elsewhere").issueTime(at(-7200)).expirationTime(at(-3600)),
                        TokenRefusal.WRONG_ISSUER));
    }

    private static Arguments refused(String kind, UnaryOperator<JWTClaimsSet.Builder> change, TokenRefusal refusal) {
        return Arguments.of(kind, change, refusal);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aTokenBreakingARuleIsRefusedWithThatRulesCodeAndSentence(
            String kind, UnaryOperator<JWTClaimsSet.Builder> change, TokenRefusal refusal) {
        String token = Tokens.signed(change.apply(good()));

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(InvalidTokenException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(refusal.code());
                    assertThat(refused.getMessage()).isEqualTo(refusal.sentence());
                    assertThat(refused.closeText()).isEqualTo(refusal.code() + ": " + refusal.sentence());
                    if (refusal != TokenRefusal.NO_SUBJECT) {
                        assertThat(refused.signedUser())
                                .as("the signature held")
                                .isEqualTo("alice");
                    }
                    assertThat(refused.ourFault()).isFalse();
                });
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("as issued", (UnaryOperator<JWTClaimsSet.Builder>) c -> c),
                Arguments.of("expired within the skew", (UnaryOperator<JWTClaimsSet.Builder>)
                        c -> c.issueTime(at(-3600)).expirationTime(at(-30))),
                Arguments.of("nbf within the skew", (UnaryOperator<JWTClaimsSet.Builder>) c -> c.notBeforeTime(at(30))),
                Arguments.of(
                        "exp - iat exactly 2 h", (UnaryOperator<JWTClaimsSet.Builder>) c -> c.expirationTime(at(7200))),
                Arguments.of("no iat, 2 h from now", (UnaryOperator<JWTClaimsSet.Builder>)
                        c -> c.issueTime(null).expirationTime(at(7200))),
                Arguments.of("aud among several", (UnaryOperator<JWTClaimsSet.Builder>)
                        c -> c.audience(List.of("billing", AUDIENCE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void aTokenWithinEveryRuleIsAccepted(String kind, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        assertThat(verifier.verify(Tokens.signed(change.apply(good()))).userId())
                .isEqualTo("alice");
    }

    @Test
    void withoutAnIssuerOrAudienceConfiguredNeitherClaimIsRequired() throws Exception {
        var lenient = new JwtTokenVerifier(TokenDecoders.hs256(
                Tokens.SECRET.getBytes(StandardCharsets.UTF_8), TokenRules.defaults(Clock.fixed(NOW, ZoneOffset.UTC))));

        assertThat(lenient.verify(Tokens.signed(good().issuer(null).audience((String) null)))
                        .userId())
                .isEqualTo("alice");
    }

    @ParameterizedTest
    @EnumSource(TokenRefusal.class)
    void everyRefusalFitsAWebSocketCloseFrameAndHasASnakeCaseCode(TokenRefusal refusal) {
        assertThat(refusal.fitsACloseFrame()).as(refusal.closeText()).isTrue();
        assertThat(refusal.code()).matches("token_[a-z_]+");
        assertThat(refusal.sentence()).endsWith(".").startsWith(refusal == TokenRefusal.MISSING ? "No" : "The");
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }
}
