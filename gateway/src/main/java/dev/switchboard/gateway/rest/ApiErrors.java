package dev.switchboard.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.switchboard.command.feed.FeedOverloadedException;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns every failure of this package's controllers into {@link ApiError}. Framework messages are not passed on: they
 * name Java types and may quote the input; the sentences here name only the request's fields.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** Seconds a caller should wait before retrying a 503: about the time the node needs to notice a recovery. */
    static final String RETRY_AFTER = "2";

    private final DatabaseAvailability database;

    ApiErrors(DatabaseAvailability database) {
        this.database = database;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException refusal) {
        return answer(refusal.status(), refusal.code(), refusal.getMessage());
    }

    /**
     * The feed writer is further behind than it lets a caller wait (not the database down: that is {@code
     * unavailable}). Nothing of the request was appended; the writer's estimate of when it has caught up is the
     * {@code Retry-After}.
     */
    @ExceptionHandler(FeedOverloadedException.class)
    ResponseEntity<ApiError> overloaded(FeedOverloadedException refusal) {
        return retryLater(
                String.valueOf(refusal.retryAfterSeconds()),
                "overloaded",
                "The agent feed takes events more slowly than they arrive; nothing of this request was appended. "
                        + "Send it again after the Retry-After seconds.");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException failure) {
        if (failure.getCause() instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder(); // e.g. events[3].data
            for (var reference : mismatch.getPath()) {
                if (reference.getFieldName() == null) {
                    field.append('[').append(reference.getIndex()).append(']');
                } else {
                    field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
                }
            }
            return answer(
                    HttpStatus.BAD_REQUEST,
                    "malformed_request",
                    "The request body's field " + field + " has the wrong JSON type.");
        }
        boolean badJson = failure.getCause() instanceof JsonProcessingException;
        return answer(
                HttpStatus.BAD_REQUEST,
                "malformed_request",
                badJson ? "The request body is not valid JSON." : "The request needs a JSON body.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mistyped(MethodArgumentTypeMismatchException failure) {
        return answer(
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                "The parameter " + failure.getName() + " has the wrong type.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> wrongMediaType(HttpMediaTypeNotSupportedException failure) {
        return answer(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "The request body must be JSON (Content-Type: application/json).");
    }

    /**
     * A client that went away from a long answer (the console's live stream): nothing to answer, nothing to report.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientLeft() {
        // the response can no longer be written
    }

    /**
     * The cause goes to the log for the operator; the client learns only that it was not its fault. A database that
     * stopped answering mid-request is a 503 the caller may retry, not a 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> failed(Exception failure) {
        if (database.explains(failure)) {
            log.warn("an API request failed: the database does not answer ({})", failure.getMessage());
            return refused(ApiException.unavailable());
        }
        log.error("an API request failed", failure);
        return answer(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                "The server could not answer this request; the cause is in its log.");
    }

    private static ResponseEntity<ApiError> answer(HttpStatus status, String code, String message) {
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            return retryLater(RETRY_AFTER, code, message);
        }
        return ResponseEntity.status(status).body(new ApiError(code, message));
    }

    private static ResponseEntity<ApiError> retryLater(String seconds, String code, String message) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .body(new ApiError(code, message));
    }
}
