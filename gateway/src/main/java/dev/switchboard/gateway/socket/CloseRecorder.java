package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import dev.switchboard.gateway.node.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a socket's close into the log. While the database is known to be down the write is not tried: it would hold
 * the calling thread (a socket timer, a container thread) for the pool's timeout and fail all the same, and the timer
 * that pings every live socket must not wait on a database that a ping does not need.
 */
@Component
class CloseRecorder {

    private static final Logger log = LoggerFactory.getLogger(CloseRecorder.class);

    private final ConnectionCommands commands;
    private final NodeIdentity node;
    private final DatabaseAvailability database;

    CloseRecorder(ConnectionCommands commands, NodeIdentity node, DatabaseAvailability database) {
        this.commands = commands;
        this.node = node;
        this.database = database;
    }

    void record(String connectionId, CloseReason reason, String detail) {
        if (!database.isAvailable()) {
            log.warn("close of connection {} ({}) not recorded: the database does not answer", connectionId, reason);
            return;
        }
        try {
            commands.send(new CloseConnection(connectionId, reason, detail, node.id()));
        } catch (ConnectionRejectedException | RuntimeException e) {
            database.observed(e);
            log.warn("close of connection {} could not be recorded: {}", connectionId, e.getMessage());
        }
    }
}
