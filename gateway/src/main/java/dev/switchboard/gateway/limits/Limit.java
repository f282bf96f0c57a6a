package dev.switchboard.gateway.limits;

/**
 * The limits that refuse a socket or its {@code auth} frame. Each refusal names its own, so that a client can tell them
 * apart.
 */
public enum Limit {
    /** The client's address sent too many refused tokens: its circuit is open for the cool-down. */
    ADDRESS_AUTH_FAILURES,
    /** The user the token names had too many correctly signed tokens refused: its circuit is open for a cool-down. */
    USER_AUTH_FAILURES,
    /** The client's address already holds its quota of sockets that have not authenticated. */
    UNAUTHENTICATED_SOCKETS
}
