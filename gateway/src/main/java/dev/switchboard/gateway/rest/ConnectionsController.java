package dev.switchboard.gateway.rest;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.gateway.socket.ConnectionCloser;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Connections as the registry knows them; either id addresses a connection. */
@RestController
@RequestMapping("/api/connections")
class ConnectionsController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final ConnectionRegistry registry;
    private final VisibleConnections visible;
    private final ConnectionCloser closer;

    ConnectionsController(ConnectionRegistry registry, VisibleConnections visible, ConnectionCloser closer) {
        this.registry = registry;
        this.visible = visible;
        this.closer = closer;
    }

    /**
     * A user token lists its own connections, oldest first. An admin token lists a given user's the same way, or
     * without {@code userId} the newest {@code limit} (default 100, at most 1000) connections of all users.
     */
    @GetMapping
    ConnectionResponse.Page list(
            @RequestParam(required = false) String userId,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal VerifiedToken caller) {
        ConnectionState wanted = state(state);
        boolean anyUser = userId == null || userId.isBlank();
        if (!caller.hasScope(VerifiedToken.ADMIN)) {
            if (!anyUser && !userId.equals(caller.userId())) {
                throw ApiException.forbidden("A user token lists its own connections only; another user's need a "
                        + "token with scope admin.");
            }
            return ConnectionResponse.page(registry.ofUser(caller.userId(), wanted));
        }
        if (!anyUser) {
            return ConnectionResponse.page(registry.ofUser(userId, wanted));
        }
        return ConnectionResponse.page(registry.newest(wanted, limit(limit)));
    }

    @GetMapping("/{id}")
    ConnectionResponse get(@PathVariable String id, @AuthenticationPrincipal VerifiedToken caller) {
        return ConnectionResponse.of(visible.find(id, caller));
    }

    /** An operator closes a connection: the close is logged, then the socket, wherever it is, is closed. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void close(@PathVariable String id, @AuthenticationPrincipal VerifiedToken caller) {
        if (!caller.hasScope(VerifiedToken.ADMIN)) { // also enforced by the filter chain, before this is reached
            throw ApiException.forbidden("This request needs a token with scope " + VerifiedToken.ADMIN + ".");
        }
        var connection = visible.find(id, caller);
        try {
            closer.close(connection.preliminaryId(), CloseReason.ADMIN_CLOSED, "closed by an operator");
        } catch (ConnectionRejectedException e) {
            if (e.code() == RejectionCode.UNKNOWN_CONNECTION) {
                throw ApiException.connectionNotFound();
            }
            // close is accepted in every state, so this is not expected; say what the connection answered
            throw new ApiException(HttpStatus.CONFLICT, e.code().code(), "The connection refused to close.");
        }
    }

    private static ConnectionState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return ConnectionState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "invalid_request", "state must be one of " + Arrays.toString(ConnectionState.values()) + ".");
        }
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_request", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return limit;
    }
}
