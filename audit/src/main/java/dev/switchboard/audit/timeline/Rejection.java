package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionState;
import java.util.Map;

/**
 * A refused command, as its ConnectionCommandRejected recorded it: enough to re-issue it in a test.
 *
 * @param stateMet null when the id had no connection at all
 * @param code the stable snake_case code clients and the README use, e.g. {@code connection_closed}
 */
public record Rejection(
        String command, Map<String, String> arguments, ConnectionState stateMet, String code, String reason) {

    static Rejection of(ConnectionCommandRejected event) {
        return new Rejection(
                event.command(),
                event.arguments(),
                event.stateMet(),
                event.code().code(),
                event.reason());
    }
}
