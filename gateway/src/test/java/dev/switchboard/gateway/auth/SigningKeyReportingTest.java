package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.Tokens;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;

/** What an operator reads about the signing key: the secret itself never, the reason a node did not start first. */
class SigningKeyReportingTest {

    @Test
    void thePropertiesNeverPrintTheSecret() {
        var properties = JwtProperties.keys(Tokens.SECRET, URI.create("https://issuer.example/jwks.json"));

        assertThat(properties.toString()).doesNotContain(Tokens.SECRET).contains("<set>", "issuer.example");
        assertThat(JwtProperties.keys(null, null).toString()).contains("<unset>");
    }

    @Test
    void aMissingKeyIsReportedAsTheReasonTheNodeDidNotStartWithWhatToSet() {
        var failure = new BeanCreationException(
                "jwtDecoder", "creation failed", new SigningKeyException("SWITCHBOARD_JWT_SECRET is not set."));

        var analysis = new SigningKeyFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("SWITCHBOARD_JWT_SECRET is not set.");
        assertThat(analysis.getAction()).contains("SWITCHBOARD_JWT_SECRET", "SWITCHBOARD_JWT_JWKS_URI");
    }
}
