package dev.switchboard.gateway.auth;

/**
 * A token that was refused: bad signature, {@code alg} none, expired, wrong issuer or audience, too long-lived, without
 * {@code sub} or {@code exp}. Its message is a fixed sentence; it never carries the token.
 */
public class InvalidTokenException extends Exception {

    private final transient TokenRefusal refusal;
    private final String signedUser;

    InvalidTokenException(TokenRefusal refusal, String signedUser) {
        super(refusal.sentence());
        this.refusal = refusal;
        this.signedUser = signedUser;
    }

    /** The refusal's stable code, e.g. {@code token_expired}. */
    public String code() {
        return refusal.code();
    }

    /** The code and the sentence, in at most the 123 bytes a WebSocket close frame's reason may hold. */
    public String closeText() {
        return refusal.closeText();
    }

    /** The token could not be checked right now (its key set was unreachable): not held against the client. */
    public boolean ourFault() {
        return refusal == TokenRefusal.UNVERIFIABLE;
    }

    /**
     * The {@code sub} of a token whose signature was good but whose claims were refused (expired, not valid yet):
     * only a key this service trusts can have signed it, so the failure may be held against that user. Null otherwise.
     */
    public String signedUser() {
        return signedUser;
    }
}
