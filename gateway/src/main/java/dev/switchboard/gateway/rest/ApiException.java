package dev.switchboard.gateway.rest;

import org.springframework.http.HttpStatus;

/** A refusal a controller decides on, answered as {@link ApiError} with its status. */
class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    ApiException(HttpStatus status, String code, String message) {
        super(message, null, false, false); // an expected answer, not a failure: no stack trace to fill
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    /**
     * An idempotency key that stands for another event of the user's feed: the publisher must not be told that its
     * event is stored under the earlier one's seq.
     *
     * @param key how the request names the key: the header, or the batch event's field
     */
    static ApiException idempotencyKeyReused(String key) {
        return new ApiException(
                HttpStatus.CONFLICT,
                "idempotency_key_reused",
                key + " was sent before with another event for this user; nothing was appended. Send a new key "
                        + "with a new event, and the same event with the same key.");
    }

    static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    /** The database that holds the log does not answer; the caller may retry (see {@link ApiErrors#RETRY_AFTER}). */
    static ApiException unavailable() {
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "unavailable",
                "The server cannot store or read events right now; retry after a moment.");
    }

    /** Also the answer for another user's connection: a user token must not learn which ids exist. */
    static ApiException connectionNotFound() {
        return new ApiException(
                HttpStatus.NOT_FOUND, "connection_not_found", "No connection with this id is visible to this token.");
    }

    /**
     * An answer that needs the whole log, asked of a node that does not read all of it: archived events it lacks
     * would be missing from the answer as if they had never happened.
     *
     * @param unread what is archived and where, and what the operator can set to include it
     */
    static ApiException archiveNotRead(String unread) {
        return new ApiException(
                HttpStatus.CONFLICT,
                "archive_not_read",
                "This answer needs the whole log, and " + unread + ". Nothing was replayed.");
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
