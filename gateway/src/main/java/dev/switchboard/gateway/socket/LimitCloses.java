package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.limits.Limit;
import dev.switchboard.gateway.protocol.CloseCode;

/** The 4029 each limit closes with: one code, and a reason text that names the limit. */
final class LimitCloses {

    private LimitCloses() {}

    static CloseCode codeFor(Limit limit) {
        return switch (limit) {
            case ADDRESS_AUTH_FAILURES -> CloseCode.AUTH_FAILURES_FROM_ADDRESS;
            case USER_AUTH_FAILURES -> CloseCode.AUTH_FAILURES_OF_USER;
            case UNAUTHENTICATED_SOCKETS -> CloseCode.TOO_MANY_UNAUTHENTICATED;
        };
    }
}
