package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionEvent;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * Feeds stored events, one at a time, through the real aggregate's event-sourcing handlers, in memory, and reports
 * its state after each: the state machine of the log, re-run for a timeline or a replayed race. It never issues a
 * command or touches the store. Not thread-safe: one replay per stream.
 */
public final class ConnectionReplay {

    private static final AggregateModel<Connection> MODEL =
            AnnotatedAggregateMetaModelFactory.inspectAggregate(Connection.class);

    private final Connection aggregate = new Connection();
    private ConnectionSnapshot current = ConnectionSnapshot.NONE;

    public ConnectionSnapshot current() {
        return current;
    }

    /** Applies one event of this stream and returns the state after it. */
    public ConnectionSnapshot apply(ConnectionEvent event) {
        MODEL.publish(GenericEventMessage.asEventMessage(event), aggregate);
        current = aggregate.snapshot();
        return current;
    }
}
