package dev.switchboard.gateway.connection;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import java.time.Instant;
import java.util.UUID;

/** Short-hands for driving connections through their lifecycle in integration tests. */
final class Lifecycles {

    static final Instant TOKEN_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

    private Lifecycles() {}

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Opens, authenticates, migrates and readies a connection; returns its final id. */
    static String ready(ConnectionCommands commands, String connectionId, String nodeId, String userId)
            throws ConnectionRejectedException {
        String finalId = connectionId + "-final";
        commands.send(new OpenConnection(connectionId, nodeId));
        commands.send(new AuthenticateConnection(connectionId, userId, TOKEN_EXPIRY));
        commands.send(new MigrateConnectionId(connectionId, finalId));
        commands.send(new MarkConnectionReady(connectionId));
        return finalId;
    }
}
