package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.RejectionCode;

/**
 * The one way a connection refuses a command. It is a checked exception on purpose: Axon's unit of work rolls back on
 * unchecked exceptions only, so the {@code ConnectionCommandRejected} event the aggregate applies before throwing
 * this is committed, and the refusal stays in the connection's history.
 */
public class ConnectionRejectedException extends Exception {

    private final String connectionId;
    private final ConnectionState state;
    private final String command;
    private final RejectionCode code;

    public ConnectionRejectedException(
            String connectionId, ConnectionState state, String command, RejectionCode code, String reason) {
        super("%s refused for connection %s in state %s: %s (%s)"
                .formatted(command, connectionId, state == null ? "NONE" : state, reason, code.code()));
        this.connectionId = connectionId;
        this.state = state;
        this.command = command;
        this.code = code;
    }

    public String connectionId() {
        return connectionId;
    }

    /** The state the command met; null when the id has no connection. */
    public ConnectionState state() {
        return state;
    }

    public String command() {
        return command;
    }

    public RejectionCode code() {
        return code;
    }
}
