package dev.switchboard.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;

/**
 * Signs HS256 tokens the way an issuer would, for {@code switchboard.jar token} and for tests. The node itself never
 * mints tokens: in production they come from the product's own login.
 */
public final class DevelopmentTokens {

    private DevelopmentTokens() {}

    /**
     * @param secret the HS256 secret's bytes; at least 32 of them
     * @param scopes put in the {@code scope} claim, space-separated; the claim is left out when there are none
     * @param issuedAt the token's {@code iat}; it expires {@code ttl} later
     */
    public static String mint(byte[] secret, String userId, Collection<String> scopes, Duration ttl, Instant issuedAt) {
        return mint(secret, userId, scopes, ttl, issuedAt, null, null);
    }

    /**
     * As above, for a node that requires an issuer or an audience ({@code SWITCHBOARD_JWT_ISSUER}, {@code _AUDIENCE}).
     *
     * @param issuer the {@code iss} claim, or null for none
     * @param audience the {@code aud} claim, or null for none
     */
    static String mint(
            byte[] secret,
            String userId,
            Collection<String> scopes,
            Duration ttl,
            Instant issuedAt,
            String issuer,
            String audience) {
        var claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(ttl)));
        if (!scopes.isEmpty()) {
            claims.claim(VerifiedTokens.SCOPE_CLAIM, String.join(" ", scopes));
        }
        if (issuer != null && !issuer.isBlank()) {
            claims.issuer(issuer);
        }
        if (audience != null && !audience.isBlank()) {
            claims.audience(audience);
        }
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with this secret: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
