package dev.switchboard.gateway.auth;

/**
 * A token that was refused: bad signature, {@code alg} none, expired, or without {@code sub}. Never carries the token.
 */
public class InvalidTokenException extends Exception {

    private final boolean ourFault;
    private final String signedUser;

    public InvalidTokenException(String reason) {
        this(reason, false, null);
    }

    InvalidTokenException(String reason, boolean ourFault, String signedUser) {
        super(reason);
        this.ourFault = ourFault;
        this.signedUser = signedUser;
    }

    /** The token could not be checked right now (its key set was unreachable): not held against the client. */
    public boolean ourFault() {
        return ourFault;
    }

    /**
     * The {@code sub} of a token whose signature was good but whose claims were refused (expired, not valid yet):
     * only a key this service trusts can have signed it, so the failure may be held against that user. Null otherwise.
     */
    public String signedUser() {
        return signedUser;
    }
}
