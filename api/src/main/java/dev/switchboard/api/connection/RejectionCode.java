package dev.switchboard.api.connection;

import java.util.Locale;

/**
 * Why a connection command was rejected. {@link #code()} is the stable snake_case form that clients, logs and
 * metrics see; constants are only ever added, never renamed.
 */
public enum RejectionCode {
    /** An open named an id that already has a history (a connection or a claimed final id). */
    CONNECTION_EXISTS,
    /** The command named an id with no history, or the final id of a connection rather than its stream id. */
    UNKNOWN_CONNECTION,
    /** Migrate or ready before the connection was authenticated. */
    NOT_AUTHENTICATED,
    /** Authenticate on a connection that is already bound to this user. */
    ALREADY_AUTHENTICATED,
    /** Authenticate as a different user than the one the connection is bound to. */
    USER_MISMATCH,
    /** Ready before the connection migrated to its final id. */
    NOT_MIGRATED,
    /** Migrate on a connection that already has its final id. */
    ALREADY_MIGRATED,
    /** The final id is held by another connection. */
    FINAL_ID_TAKEN,
    /** The final id is blank or equal to the preliminary id. */
    INVALID_FINAL_ID,
    /** Ready on a connection that is already ready. */
    ALREADY_READY,
    /** Any command but close on a closed connection. */
    CONNECTION_CLOSED,
    /** Authenticate with a blank user id. */
    INVALID_USER_ID;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
