package dev.switchboard.gateway.auth;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the node verifies bearer tokens ({@code switchboard.jwt.*}). With neither property set, only a node on the
 * embedded database starts: it generates a development secret under its data folder.
 *
 * @param secret {@code SWITCHBOARD_JWT_SECRET}: the HS256 secret shared with whoever issues tokens, used as its UTF-8
 *     bytes, at least 32 of them; no default
 * @param jwksUri {@code SWITCHBOARD_JWT_JWKS_URI}: a JWK set whose keys sign RS256 tokens; no default
 */
@ConfigurationProperties("switchboard.jwt")
public record JwtProperties(String secret, URI jwksUri) {

    boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }

    /** A record prints its components; this one must never print the secret, whoever logs it. */
    @Override
    public String toString() {
        return "JwtProperties[secret=" + (hasSecret() ? "<set>" : "<unset>") + ", jwksUri=" + jwksUri + "]";
    }
}
