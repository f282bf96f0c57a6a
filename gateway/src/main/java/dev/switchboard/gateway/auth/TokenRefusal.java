package dev.switchboard.gateway.auth;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Why a token was refused, in a fixed sentence for the client. The libraries' own messages are never passed on: a
 * parser's message may quote the token it choked on.
 */
final class TokenRefusal {

    static final String EXPIRED = "The bearer token has expired.";
    static final String MISSING_CLAIM =
            "The bearer token lacks a claim this service requires (sub and exp), " + "or is not valid yet.";
    static final String BAD_TOKEN =
            "The bearer token is malformed, unsigned, or not signed by a key this service " + "trusts.";
    static final String UNVERIFIABLE = "The bearer token could not be verified right now; try again later.";

    private TokenRefusal() {}

    static String reason(Throwable refusal) {
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                boolean expired = invalid.getErrors().stream().anyMatch(error -> String.valueOf(error.getDescription())
                        .contains("expired"));
                return expired ? EXPIRED : MISSING_CLAIM;
            }
            if (cause instanceof BadJwtException) {
                return BAD_TOKEN;
            }
            if (cause instanceof JwtException) {
                return UNVERIFIABLE; // not the token's fault: the JWK set could not be fetched
            }
        }
        return BAD_TOKEN;
    }
}
