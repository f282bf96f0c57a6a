package dev.switchboard.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import java.net.URI;
import java.text.ParseException;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Spring Security's Nimbus decoders, each pinned to one algorithm so that {@code alg: none} or an algorithm swap is
 * refused by the library rather than by our own parsing. Once the signature holds, the {@link TokenRules} decide.
 */
final class TokenDecoders {

    private TokenDecoders() {}

    /**
     * @param hmacSecret the HS256 secret, or null to accept RS256 tokens only
     * @param jwksUri the RS256 key set, or null to accept HS256 tokens only
     */
    static JwtDecoder create(byte[] hmacSecret, URI jwksUri, OAuth2TokenValidator<Jwt> rules) {
        if (hmacSecret == null && jwksUri == null) {
            throw new IllegalArgumentException("a decoder needs an HS256 secret, a JWKS URI, or both");
        }
        JwtDecoder hs256 = hmacSecret == null ? null : hs256(hmacSecret, rules);
        JwtDecoder rs256 = jwksUri == null ? null : rs256(jwksUri, rules);
        if (hs256 == null) {
            return rs256;
        }
        return rs256 == null ? hs256 : new ByAlgorithm(hs256, rs256);
    }

    static NimbusJwtDecoder hs256(byte[] secret, OAuth2TokenValidator<Jwt> rules) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(rules);
        return decoder;
    }

    static NimbusJwtDecoder rs256(URI jwksUri, OAuth2TokenValidator<Jwt> rules) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri.toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(rules);
        return decoder;
    }

    /**
     * With both key kinds configured, the header's {@code alg} (read by Nimbus) picks the decoder; everything that is
     * not RS256, {@code none} included, goes to the HS256 decoder, which refuses what is not HS256.
     */
    private record ByAlgorithm(JwtDecoder hs256, JwtDecoder rs256) implements JwtDecoder {

        @Override
        public Jwt decode(String token) {
            try {
                boolean rsa = JWSAlgorithm.RS256.equals(
                        JWTParser.parse(token).getHeader().getAlgorithm());
                return (rsa ? rs256 : hs256).decode(token);
            } catch (ParseException e) {
                throw new BadJwtException("the token is not a JWT", e);
            }
        }
    }
}
