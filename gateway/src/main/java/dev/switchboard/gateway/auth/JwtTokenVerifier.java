package dev.switchboard.gateway.auth;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
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
            throw new InvalidTokenException(TokenRefusal.MISSING, null);
        }
        try {
            return VerifiedTokens.from(decoder.decode(token));
        } catch (JwtException e) {
            // Nimbus checks the signature before Spring's validators see the claims: a validation failure means the
            // signature was good. Neither a malformed nor a badly signed token proves anything about its sub.
            boolean signed = causedBy(e, JwtValidationException.class);
            throw new InvalidTokenException(TokenRefusal.of(e), signed ? claimedUser(token) : null);
        }
    }

    @Override
    public String claimedUser(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        // a socket's authenticate frame names its user before the token is verified (to find the user's circuit);
        // a token verified before, as every reconnect's is, names it from the kept claims without a second parse
        if (decoder instanceof VerifiedTokenCache cache) {
            String kept = cache.keptSubject(token);
            if (kept != null) {
                return kept;
            }
        }
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getSubject();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
