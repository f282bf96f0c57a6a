package dev.switchboard.gateway.auth;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/** The WebSocket's token check, with the very decoder that guards the HTTP API. */
@Component
class JwtTokenVerifier implements TokenVerifier {

    private final JwtDecoder decoder;

    JwtTokenVerifier(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public VerifiedToken verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("No bearer token was given.");
        }
        try {
            return VerifiedTokens.from(decoder.decode(token));
        } catch (JwtException e) {
            throw new InvalidTokenException(TokenRefusal.reason(e));
        }
    }
}
