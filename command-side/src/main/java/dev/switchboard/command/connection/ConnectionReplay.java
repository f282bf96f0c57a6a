package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionEvent;
import java.time.Clock;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * Feeds stored events, one at a time, through the real aggregate's event-sourcing handlers, in memory, and reports
 * its state after each: the state machine of the log, re-run for a timeline or a replayed race. It never issues a
 * command or touches the store. Not thread-safe: one replay per stream.
 */
public final class ConnectionReplay {

    /**
     * Inspecting the aggregate resolves its command handlers' parameters too, and off a node nothing resolves their
     * {@link Clock} (a node's Spring context does; in tests, axon-test does). A replay never runs a command handler, so
     * this clock is never read.
     */
    private static final AggregateModel<Connection> MODEL = AnnotatedAggregateMetaModelFactory.inspectAggregate(
            Connection.class,
            MultiParameterResolverFactory.ordered(
                    ClasspathParameterResolverFactory.forClass(Connection.class),
                    new SimpleResourceParameterResolverFactory(List.of(Clock.systemUTC()))));

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
