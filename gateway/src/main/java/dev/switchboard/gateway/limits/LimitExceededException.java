package dev.switchboard.gateway.limits;

/**
 * A limit refused a socket or an {@code auth} frame. Thrown on every refusal of a flood, so it carries no stack trace.
 */
public final class LimitExceededException extends Exception {

    private final Limit limit;

    LimitExceededException(Limit limit) {
        super(limit.name(), null, false, false);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
