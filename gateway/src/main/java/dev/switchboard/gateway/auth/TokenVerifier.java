package dev.switchboard.gateway.auth;

/** Verifies the JWT a WebSocket client sends in its {@code auth} frame, with the same decoder as the HTTP API. */
public interface TokenVerifier {

    VerifiedToken verify(String token) throws InvalidTokenException;

    /**
     * The {@code sub} the token claims, read without checking anything, or null. Never a proof of identity: it only
     * says which user's failure circuit an attempt falls under, before any work is spent on the token.
     */
    String claimedUser(String token);
}
