package dev.switchboard.api.connection;

import java.time.Instant;

/**
 * A fact in a connection's history. {@link #connectionId()} is the connection's stream id (its preliminary id);
 * {@link #at()} is when the node that issued the command saw it happen.
 */
public sealed interface ConnectionEvent
        permits ConnectionOpened,
                ConnectionAuthenticated,
                ConnectionIdMigrated,
                FinalIdClaimed,
                ConnectionMarkedReady,
                ConnectionTokenRefreshed,
                ConnectionClosed,
                ConnectionCommandRejected {

    String connectionId();

    Instant at();
}
