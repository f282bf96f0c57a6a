package dev.switchboard.gateway.rest;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionView;
import java.time.Instant;
import java.util.List;

/**
 * A connection as the HTTP API shows it. Its own record, not the registry's view, so that a change to the registry
 * does not silently change the API; timestamps that did not happen yet are null.
 *
 * @param connectionId the final id once migrated, else the preliminary id
 * @param lastPosition the log position of the last event applied to the connection
 */
record ConnectionResponse(
        String connectionId,
        String preliminaryId,
        String userId,
        String nodeId,
        ConnectionState state,
        Instant openedAt,
        Instant authenticatedAt,
        Instant readyAt,
        Instant closedAt,
        CloseReason closeReason,
        long lastPosition) {

    record Page(List<ConnectionResponse> connections) {}

    static ConnectionResponse of(ConnectionView view) {
        return new ConnectionResponse(
                view.connectionId(),
                view.preliminaryId(),
                view.userId(),
                view.nodeId(),
                view.state(),
                view.openedAt(),
                view.authenticatedAt(),
                view.readyAt(),
                view.closedAt(),
                view.closeReason(),
                view.lastPosition());
    }

    static Page page(List<ConnectionView> views) {
        return new Page(views.stream().map(ConnectionResponse::of).toList());
    }
}
