package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionView;
import java.time.Instant;

/**
 * A registry row as a replay saw it. Its own record rather than the registry's view, so that exported timelines keep
 * their shape when the registry changes.
 *
 * @param connectionId the final id once migrated, else the preliminary id
 * @param lastPosition the log position of the last event that changed the row
 */
public record RegistryRow(
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

    static RegistryRow of(ConnectionView view) {
        return new RegistryRow(
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
}
