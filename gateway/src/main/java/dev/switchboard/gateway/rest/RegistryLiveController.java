package dev.switchboard.gateway.rest;

import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.gateway.console.RegistryStream;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The registry's counts by state and node, live, as server-sent events named {@code counts}: the operations console
 * reads it with {@code fetch()}, which, unlike {@code EventSource}, can send the bearer token in a header. No
 * {@code produces}: a refusal is then answered in the API's JSON error shape like any other.
 */
@RestController
class RegistryLiveController {

    private final RegistryStream stream;

    RegistryLiveController(RegistryStream stream) {
        this.stream = stream;
    }

    @GetMapping("/api/registry/live")
    SseEmitter live(@AuthenticationPrincipal VerifiedToken caller) {
        if (!caller.hasScope(VerifiedToken.ADMIN)) { // also enforced by the filter chain, before this is reached
            throw ApiException.forbidden("This request needs a token with scope " + VerifiedToken.ADMIN + ".");
        }
        return stream.open()
                .orElseThrow(() -> new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "too_many_watchers",
                        "This node already streams live counts to as many consoles as it allows; retry in a moment or "
                                + "ask another node."));
    }
}
