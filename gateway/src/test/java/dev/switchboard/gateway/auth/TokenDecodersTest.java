package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.gateway.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which algorithms a node accepts follows from what it is configured with, and nothing else. */
class TokenDecodersTest {

    private static final byte[] SECRET = Tokens.SECRET.getBytes(StandardCharsets.UTF_8);
    private static final TokenRules RULES = TokenRules.defaults(Clock.systemUTC());
    private static LocalJwks issuer;

    @BeforeAll
    static void startIssuer() throws Exception {
        issuer = new LocalJwks();
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void withAJwksUriOnlyRs256TokensFromThatKeySetAreAccepted() throws Exception {
        var verifier = new JwtTokenVerifier(TokenDecoders.create(null, issuer.uri(), RULES));

        VerifiedToken token = verifier.verify(issuer.token("carol", "admin"));

        assertThat(token.userId()).isEqualTo("carol");
        assertThat(token.scopes()).containsExactly("admin");
        assertThatThrownBy(() -> verifier.verify(Tokens.user("carol"))).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(Tokens.algNone("carol"))).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void withASecretOnlyRs256TokensAreRefused() throws Exception {
        var verifier = new JwtTokenVerifier(TokenDecoders.create(SECRET, null, RULES));

        assertThat(verifier.verify(Tokens.user("dave")).userId()).isEqualTo("dave");
        assertThatThrownBy(() -> verifier.verify(issuer.token("dave", null))).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void withBothEachAlgorithmIsCheckedAgainstItsOwnKeys() throws Exception {
        var verifier = new JwtTokenVerifier(TokenDecoders.create(SECRET, issuer.uri(), RULES));

        assertThat(verifier.verify(Tokens.user("erin")).userId()).isEqualTo("erin");
        assertThat(verifier.verify(issuer.token("erin", null)).userId()).isEqualTo("erin");
        assertThatThrownBy(() -> verifier.verify(Tokens.signedWithOtherKey("erin")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(Tokens.algNone("erin"))).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify("garbage")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void anUnreachableKeySetIsNotBlamedOnTheToken() throws Exception {
        String token = issuer.token("frank", null);
        var verifier = new JwtTokenVerifier(
                TokenDecoders.create(null, java.net.URI.create("http://127.0.0.1:1/jwks.json"), RULES));

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage(TokenRefusal.UNVERIFIABLE.sentence());
    }
}
