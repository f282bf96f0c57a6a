package dev.switchboard.api.connection;

/** The four states a connection passes through, in this order; CLOSED is reachable from any other. */
public enum ConnectionState {
    OPENED,
    AUTHENTICATED,
    READY,
    CLOSED
}
