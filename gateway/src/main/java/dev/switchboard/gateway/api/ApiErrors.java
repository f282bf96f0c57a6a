package dev.switchboard.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns every failure of this package's controllers into {@link ApiError}. Framework messages are not passed on: they
 * name Java types and may quote the input; the sentences here name only the request's fields.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException refusal) {
        return answer(refusal.status(), refusal.code(), refusal.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException failure) {
        if (failure.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return answer(HttpStatus.BAD_REQUEST, "malformed_request",
                    "The request body's field " + field + " has the wrong JSON type.");
        }
        boolean badJson = failure.getCause() instanceof JsonProcessingException;
        return answer(HttpStatus.BAD_REQUEST, "malformed_request",
                badJson ? "The request body is not valid JSON." : "The request needs a JSON body.");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException failure) {
        String problems = failure.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(FieldError::getDefaultMessage)
                .distinct()
                .collect(Collectors.joining("; "));
        return answer(HttpStatus.BAD_REQUEST, "invalid_request", problems + ".");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mistyped(MethodArgumentTypeMismatchException failure) {
        return answer(HttpStatus.BAD_REQUEST, "invalid_request",
                "The parameter " + failure.getName() + " has the wrong type.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> wrongMediaType(HttpMediaTypeNotSupportedException failure) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "The request body must be JSON (Content-Type: application/json).");
    }

    /** The cause goes to the log for the operator; the client learns only that it was not its fault. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> failed(Exception failure) {
        log.error("an API request failed", failure);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "The server could not answer this request; the cause is in its log.");
    }

    private static ResponseEntity<ApiError> answer(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(new ApiError(code, message));
    }
}
