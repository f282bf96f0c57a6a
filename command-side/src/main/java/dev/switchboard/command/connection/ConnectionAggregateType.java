package dev.switchboard.command.connection;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * The connection aggregate's class, and nothing more of it. The aggregate stays package-private, so that production
 * code reaches it only through {@link ConnectionCommands}; a class object lets Axon build and drive it, as it does on a
 * node, but lets no caller construct it or call its handlers.
 */
public final class ConnectionAggregateType {

    private ConnectionAggregateType() {}

    /** Public for test-support, whose race fixtures replay each recorded step through Axon's AggregateTestFixture. */
    public static Class<?> get() {
        return Connection.class;
    }

    /**
     * Subscribes the aggregate's command handlers to {@code commandBus}, over an event-sourcing repository of
     * {@code eventStore} that keeps aggregates in {@code cache}, or in none when it is null: the aggregate as a node's
     * Axon configuration wires it, for tests that run it without Spring (the command side's model test, and
     * test-support's replay of a refusal the store decided).
     */
    public static void subscribe(CommandBus commandBus, EventStore eventStore, Clock clock, Cache cache) {
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(Connection.class),
                new SimpleResourceParameterResolverFactory(List.of(clock)));
        AggregateModel<Connection> model =
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Connection.class, resolvers);
        var repository = new AtomicReference<Repository<Connection>>();
        // createNew (the final id's claim) asks this provider for the repository of the aggregate it spawns
        RepositoryProvider provider = new RepositoryProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return aggregateType == Connection.class ? (Repository<T>) repository.get() : null;
            }
        };
        var builder = EventSourcingRepository.builder(Connection.class)
                .aggregateModel(model)
                .eventStore(eventStore)
                .repositoryProvider(provider);
        repository.set(cache == null ? builder.build() : builder.cache(cache).build());
        AggregateAnnotationCommandHandler.<Connection>builder()
                .aggregateType(Connection.class)
                .aggregateModel(model)
                .repository(repository.get())
                .parameterResolverFactory(resolvers)
                .build()
                .subscribe(commandBus);
    }
}
