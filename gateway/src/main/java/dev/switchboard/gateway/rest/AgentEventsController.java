package dev.switchboard.gateway.rest;

import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import dev.switchboard.gateway.feed.AgentEventPublisher;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents push their progress for a user here. Only a token with scope {@code events:publish} may, for any user; a
 * user token may not push to its own feed either, since a user forging agent events would mislead itself and support.
 * A push carrying an {@code Idempotency-Key} the user's feed has seen recently is answered with the earlier seq and
 * not appended again, so a publisher may retry after a timeout or a 503 without doubling the event.
 */
@RestController
class AgentEventsController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;

    record Published(long seq) {}

    private final AgentEventPublisher publisher;
    private final DatabaseAvailability database;

    AgentEventsController(AgentEventPublisher publisher, DatabaseAvailability database) {
        this.publisher = publisher;
        this.database = database;
    }

    /** 202: the event is in the user's feed; delivery to the user's sockets follows. */
    @PostMapping("/api/users/{userId}/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Published publish(
            @PathVariable String userId,
            @Valid @RequestBody PublishEventRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @AuthenticationPrincipal VerifiedToken caller) {
        // the filter chain already demands the scope (before the body is read); this keeps the rule next to the code
        if (!caller.hasScope(VerifiedToken.PUBLISH)) {
            throw ApiException.forbidden("This request needs a token with scope " + VerifiedToken.PUBLISH + ".");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw ApiException.badRequest(
                    "invalid_request", IDEMPOTENCY_KEY + " must be 1 to " + MAX_KEY_LENGTH + " characters, not blank.");
        }
        if (!database.isAvailable()) {
            throw ApiException.unavailable(); // at once, rather than after the connection pool's timeout
        }
        return new Published(
                publisher.publish(userId, request.runId(), request.event(), request.dataOrEmpty(), idempotencyKey));
    }
}
