package dev.switchboard.gateway.api;

import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.gateway.delivery.AgentEventPublisher;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents push their progress for a user here. Only a token with scope {@code events:publish} may, for any user; a
 * user token may not push to its own feed either, since a user forging agent events would mislead itself and support.
 */
@RestController
class AgentEventsController {

    record Published(long seq) {}

    private final AgentEventPublisher publisher;

    AgentEventsController(AgentEventPublisher publisher) {
        this.publisher = publisher;
    }

    /** 202: the event is in the user's feed; delivery to the user's sockets follows. */
    @PostMapping("/api/users/{userId}/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Published publish(@PathVariable String userId, @Valid @RequestBody PublishEventRequest request,
            @AuthenticationPrincipal VerifiedToken caller) {
        // the filter chain already demands the scope (before the body is read); this keeps the rule next to the code
        if (!caller.hasScope(VerifiedToken.PUBLISH)) {
            throw ApiException.forbidden("This request needs a token with scope " + VerifiedToken.PUBLISH + ".");
        }
        return new Published(publisher.publish(userId, request.runId(), request.event(), request.dataOrEmpty()));
    }
}
