package dev.switchboard.api.connection;

/**
 * A command for one connection. {@link #connectionId()} is the connection's stream id: the preliminary id it was
 * opened with, which stays its address in the log after it migrates to its final id.
 */
public sealed interface ConnectionCommand
        permits OpenConnection,
                AuthenticateConnection,
                MigrateConnectionId,
                MarkConnectionReady,
                CloseConnection,
                RefreshConnectionToken,
                RecordRejection {

    String connectionId();
}
