package dev.switchboard.command.feed;

/**
 * A publish refused because its idempotency key already stands for another event of the user's feed (another run id,
 * event name or data): answering it with that event's seq would tell its publisher that an event it never sent was
 * stored. Nothing of the request was appended.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

    private final String userId;
    private final String idempotencyKey;

    IdempotencyKeyReusedException(String userId, String idempotencyKey) {
        super("The idempotency key was used before for another event of this user's feed.", null, false, false);
        this.userId = userId;
        this.idempotencyKey = idempotencyKey;
    }

    public String userId() {
        return userId;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}
