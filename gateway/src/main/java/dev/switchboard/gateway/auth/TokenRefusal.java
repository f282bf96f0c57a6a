package dev.switchboard.gateway.auth;

import java.nio.charset.StandardCharsets;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Why a token was refused: a stable code and a fixed sentence for the client, the same over HTTP (401) and on a
 * socket (4001). The libraries' own messages are never passed on: a parser's message may quote the token it choked on.
 * A token that breaks several rules is refused for the first of them, in {@link TokenRules}' order (this one's).
 */
enum TokenRefusal {
    MISSING("token_missing", "No bearer token was given."),
    MALFORMED("token_invalid", "The bearer token is malformed, unsigned, or not signed by a key this service trusts."),
    NO_SUBJECT("token_without_subject", "The bearer token names no user: it has no sub claim."),
    NO_EXPIRY("token_without_expiry", "The bearer token never expires: it has no exp claim."),
    WRONG_ISSUER("token_wrong_issuer", "The bearer token's iss is not the issuer this service trusts."),
    WRONG_AUDIENCE("token_wrong_audience", "The bearer token is not meant for this service: its aud does not name it."),
    EXPIRED("token_expired", "The bearer token has expired."),
    NOT_YET_VALID("token_not_yet_valid", "The bearer token is not valid yet: its nbf is in the future."),
    CERTIFICATE_BOUND("token_certificate_bound", "The bearer token is bound to a client certificate (cnf)."),
    TOO_LONG_LIVED("token_lifetime_too_long", "The bearer token is valid for longer than this service accepts."),
    UNVERIFIABLE("token_unverifiable", "The bearer token could not be verified right now; try again later.");

    /** A WebSocket close frame's reason holds at most 123 bytes; {@link #closeText()} must fit. */
    static final int CLOSE_TEXT_LIMIT = 123;

    private final String code;
    private final String sentence;

    TokenRefusal(String code, String sentence) {
        this.code = code;
        this.sentence = sentence;
    }

    String code() {
        return code;
    }

    String sentence() {
        return sentence;
    }

    /** What a socket's close frame says: the code, then the sentence. */
    String closeText() {
        return code + ": " + sentence;
    }

    boolean fitsACloseFrame() {
        return closeText().getBytes(StandardCharsets.UTF_8).length <= CLOSE_TEXT_LIMIT;
    }

    /** The refusal behind a decoder's (or Spring Security's) failure. */
    static TokenRefusal of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                return invalid.getErrors().stream()
                        .map(TokenRefusal::of)
                        .filter(refusal -> refusal != MALFORMED)
                        .findFirst()
                        .orElse(MALFORMED);
            }
            if (cause instanceof BadJwtException) {
                return MALFORMED;
            }
            if (cause instanceof JwtException) {
                return UNVERIFIABLE; // not the token's fault: the JWK set could not be fetched
            }
        }
        return MALFORMED;
    }

    private static TokenRefusal of(OAuth2Error error) {
        return error instanceof TokenRules.Refused refused ? refused.refusal() : MALFORMED;
    }
}
