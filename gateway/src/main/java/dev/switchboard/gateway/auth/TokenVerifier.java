package dev.switchboard.gateway.auth;

/** Verifies the JWT a WebSocket client sends in its {@code auth} frame, with the same decoder as the HTTP API. */
public interface TokenVerifier {

    VerifiedToken verify(String token) throws InvalidTokenException;
}
