package dev.switchboard.gateway.auth;

/** A token that was refused: bad signature, {@code alg} none, expired, or without {@code sub}. Never carries the token. */
public class InvalidTokenException extends Exception {

    public InvalidTokenException(String reason) {
        super(reason);
    }
}
