package dev.switchboard.api.connection;

import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A command the connection refused, kept in its history so a replay shows what was attempted and what it met.
 *
 * @param command the command's simple name, e.g. {@code MigrateConnectionId}
 * @param arguments the command's fields as strings, enough to re-issue it in a test
 * @param stateMet the state the command met; null when the id had no connection at all
 */
@Revision("1")
public record ConnectionCommandRejected(
        String connectionId,
        String command,
        Map<String, String> arguments,
        ConnectionState stateMet,
        RejectionCode code,
        String reason,
        Instant at)
        implements ConnectionEvent {}
