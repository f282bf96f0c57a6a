package dev.switchboard.gateway.auth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the node verifies bearer tokens ({@code switchboard.jwt.*}). With neither a secret nor a JWKS URI set, only a
 * node on the embedded database starts: it generates a development secret under its data folder.
 *
 * @param secret {@code SWITCHBOARD_JWT_SECRET}: the HS256 secret shared with whoever issues tokens, used as its UTF-8
 *     bytes, at least 32 of them; no default
 * @param jwksUri {@code SWITCHBOARD_JWT_JWKS_URI}: a JWK set whose keys sign RS256 tokens; no default
 * @param issuer {@code SWITCHBOARD_JWT_ISSUER}: when set, a token's {@code iss} must be exactly this; no default
 * @param audience {@code SWITCHBOARD_JWT_AUDIENCE}: when set, a token's {@code aud} must include this; no default
 * @param maxLifetime {@code SWITCHBOARD_JWT_MAX_LIFETIME}: the longest a token may be valid, from its {@code iat} (or
 *     from now, when it has none) to its {@code exp}; a stolen token is good for no longer than this
 * @param clockSkew {@code SWITCHBOARD_JWT_CLOCK_SKEW}: how far the issuer's clock may be off this node's; a token is
 *     accepted, and a live socket kept, until {@code exp} plus this
 * @param verifiedTokens {@code SWITCHBOARD_JWT_VERIFIED_TOKENS}: how many accepted tokens the node keeps so that it
 *     checks each one's signature once ({@link VerifiedTokenCache}); 0 checks every use
 * @param verifiedTokenTtl {@code SWITCHBOARD_JWT_VERIFIED_TOKEN_TTL}: how long an accepted token is kept; its times and
 *     claims are checked at every use all the same, but a signing key withdrawn from the JWKS still verifies the tokens
 *     seen within this
 */
@ConfigurationProperties("switchboard.jwt")
public record JwtProperties(
        String secret,
        URI jwksUri,
        String issuer,
        String audience,
        @DefaultValue("24h") Duration maxLifetime,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("10000") long verifiedTokens,
        @DefaultValue("60s") Duration verifiedTokenTtl) {

    public JwtProperties {
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("switchboard.jwt.max-lifetime must be positive, e.g. 24h");
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("switchboard.jwt.clock-skew must be zero or more, e.g. 30s");
        }
        if (verifiedTokens < 0 || verifiedTokenTtl == null || verifiedTokenTtl.isNegative()) {
            throw new IllegalArgumentException(
                    "switchboard.jwt.verified-tokens and verified-token-ttl must be zero or more, e.g. 10000 and 60s");
        }
    }

    /** Only the keys set: what the tests of key handling need. */
    static JwtProperties keys(String secret, URI jwksUri) {
        return new JwtProperties(
                secret, jwksUri, null, null, Duration.ofHours(24), Duration.ofSeconds(30), 0, Duration.ZERO);
    }

    boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }

    /** A record prints its components; this one must never print the secret, whoever logs it. */
    @Override
    public String toString() {
        return "JwtProperties[secret=" + (hasSecret() ? "<set>" : "<unset>") + ", jwksUri=" + jwksUri + ", issuer="
                + issuer + ", audience=" + audience + ", maxLifetime=" + maxLifetime + ", clockSkew=" + clockSkew
                + ", verifiedTokens=" + verifiedTokens + ", verifiedTokenTtl=" + verifiedTokenTtl + "]";
    }
}
