package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.RejectionCode;

/**
 * Told the outcome of each command {@link ConnectionCommands} sends, so that a node can count them without the
 * command side knowing how. A listener runs on the caller's thread after the outcome is final; what it throws is
 * logged and never changes the outcome.
 */
public interface ConnectionCommandListener {

    ConnectionCommandListener NONE = new ConnectionCommandListener() {
        @Override
        public void accepted(ConnectionCommand command) {}

        @Override
        public void rejected(ConnectionCommand command, RejectionCode code) {}
    };

    /** The command was committed, with the registry. */
    void accepted(ConnectionCommand command);

    /** The connection refused the command; the refusal is in the log. */
    void rejected(ConnectionCommand command, RejectionCode code);
}
