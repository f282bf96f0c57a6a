package dev.switchboard.api.registry;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import java.time.Instant;

/**
 * One row of the connection registry.
 *
 * @param connectionId the final id once migrated, else the preliminary id
 * @param lastPosition the log position (global index) of the last event applied to this row
 */
public record ConnectionView(
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

    public boolean isReady() {
        return state == ConnectionState.READY;
    }
}
