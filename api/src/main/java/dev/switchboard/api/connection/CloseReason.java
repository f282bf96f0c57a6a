package dev.switchboard.api.connection;

/** Why a connection was closed. Stored in the log, so values are only ever added, never renamed. */
public enum CloseReason {
    /** The client closed the socket. */
    CLIENT_CLOSED,
    /** The server closed the socket for a reason not listed below. */
    SERVER_CLOSED,
    /** The token was refused. */
    AUTH_FAILED,
    /** No {@code auth} frame arrived within the auth timeout. */
    AUTH_TIMEOUT,
    /** The token expired on a live socket and was not refreshed. */
    TOKEN_EXPIRED,
    /** The client tried to act as another user. */
    FORBIDDEN,
    /** The client stayed silent for longer than the heartbeat timeout. */
    HEARTBEAT_TIMEOUT,
    /** The client did not read fast enough and its send queue overflowed. */
    SLOW_CONSUMER,
    /** The client broke the protocol (binary or oversized frames). */
    PROTOCOL_ERROR,
    /** The client exceeded a rate limit or tripped the circuit breaker. */
    RATE_LIMITED,
    /** An operator closed the connection. */
    ADMIN_CLOSED,
    /** The node shut down gracefully. */
    SERVER_SHUTDOWN,
    /** The node holding the connection died; another node closed it when the lease expired. */
    NODE_LOST
}
