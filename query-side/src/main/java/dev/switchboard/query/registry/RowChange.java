package dev.switchboard.query.registry;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionView;
import java.time.Instant;

/** A registry row as one event changes it: the fields the event sets, every other one copied from the row. */
final class RowChange {

    private String connectionId;
    private final String preliminaryId;
    private String userId;
    private final String nodeId;
    private ConnectionState state;
    private final Instant openedAt;
    private Instant authenticatedAt;
    private Instant readyAt;
    private Instant closedAt;
    private CloseReason closeReason;

    private RowChange(ConnectionView row) {
        connectionId = row.connectionId();
        preliminaryId = row.preliminaryId();
        userId = row.userId();
        nodeId = row.nodeId();
        state = row.state();
        openedAt = row.openedAt();
        authenticatedAt = row.authenticatedAt();
        readyAt = row.readyAt();
        closedAt = row.closedAt();
        closeReason = row.closeReason();
    }

    static RowChange of(ConnectionView row) {
        return new RowChange(row);
    }

    RowChange authenticated(String userId, Instant at) {
        this.userId = userId;
        this.state = ConnectionState.AUTHENTICATED;
        this.authenticatedAt = at;
        return this;
    }

    RowChange migrated(String finalId) {
        this.connectionId = finalId;
        return this;
    }

    RowChange ready(Instant at) {
        this.state = ConnectionState.READY;
        this.readyAt = at;
        return this;
    }

    RowChange closed(CloseReason reason, Instant at) {
        this.state = ConnectionState.CLOSED;
        this.closedAt = at;
        this.closeReason = reason;
        return this;
    }

    /** The changed row, as of the event at this log position. */
    ConnectionView at(long position) {
        return new ConnectionView(
                connectionId,
                preliminaryId,
                userId,
                nodeId,
                state,
                openedAt,
                authenticatedAt,
                readyAt,
                closedAt,
                closeReason,
                position);
    }
}
