package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionCommand;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * The real annotated {@link Connection} behind Axon's own command bus, aggregate command handler and event-sourcing
 * repository, over an in-memory event store, without Spring and without the test fixture. There is no cache, so every
 * command rebuilds the aggregate from the stored events, as it does in production.
 *
 * <p>The storage engine is swapped for a fresh one seeded with a given history before each command. Building the Axon
 * objects is the slow part, so they are built once; a fresh engine is two maps.
 */
final class ConnectionHarness {

    private final SwappableStorage storage = new SwappableStorage();
    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();

    ConnectionHarness(Clock clock) {
        ConnectionAggregateType.subscribe(
                commandBus, EmbeddedEventStore.builder().storageEngine(storage).build(), clock, null);
    }

    /** Replaces the store's contents with exactly {@code history}. */
    void reset(List<? extends EventMessage<?>> history) {
        storage.current = new InMemoryEventStorageEngine();
        storage.current.appendEvents(history);
    }

    /** Dispatches on the calling thread; the result is exceptional when the command was refused or failed. */
    CommandResultMessage<?> dispatch(ConnectionCommand command) {
        var result = new AtomicReference<CommandResultMessage<?>>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(command), (message, r) -> result.set(r));
        return result.get();
    }

    /** Every event in the store, in the order it was appended, across all streams. */
    List<EventMessage<?>> allEvents() {
        return storage.current
                .readEvents(null, false)
                .<EventMessage<?>>map(e -> e)
                .toList();
    }

    private static final class SwappableStorage implements EventStorageEngine {

        private InMemoryEventStorageEngine current = new InMemoryEventStorageEngine();

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            current.appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            current.storeSnapshot(snapshot);
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            return current.readEvents(trackingToken, mayBlock);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return current.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return current.readSnapshot(aggregateIdentifier);
        }
    }
}
