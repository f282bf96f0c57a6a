package dev.switchboard.gateway.rest;

import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.query.registry.ConnectionRegistry;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whose connection a token may see: an {@code admin} token any, a user token its own.
 * Another user's connection is answered like an unknown one (404), so ids cannot be probed.
 */
@Component
class VisibleConnections {

    private final ConnectionRegistry registry;

    VisibleConnections(ConnectionRegistry registry) {
        this.registry = registry;
    }

    /** The connection with this preliminary or final id, if the caller may see it. */
    ConnectionView find(String id, VerifiedToken caller) {
        return registry.find(id)
                .filter(view ->
                        caller.hasScope(VerifiedToken.ADMIN) || caller.userId().equals(view.userId()))
                .orElseThrow(ApiException::connectionNotFound);
    }
}
