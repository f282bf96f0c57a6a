package dev.switchboard.api.connection;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record in a connection's history that a command was refused by the event store rather than by the aggregate
 * (a duplicate open, a final id already taken). The aggregate answers it with the same typed rejection.
 */
public record RecordRejection(
        @TargetAggregateIdentifier String connectionId,
        String command,
        Map<String, String> arguments,
        RejectionCode code,
        String reason)
        implements ConnectionCommand {}
