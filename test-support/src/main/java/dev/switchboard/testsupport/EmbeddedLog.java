package dev.switchboard.testsupport;

import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.audit.log.EventLogFormat;
import dev.switchboard.audit.log.EventLogUpcasters;
import dev.switchboard.audit.log.LoggedEvent;
import dev.switchboard.command.connection.ConnectionAggregateType;
import dev.switchboard.command.connection.ConnectionCommandListener;
import dev.switchboard.command.connection.ConnectionCommands;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The log as a node on its embedded default keeps it, for one replay: a fresh in-memory H2 database in PostgreSQL mode,
 * migrated by the db module (so with the event table's unique key on stream and sequence), Axon's JDBC event store on
 * it in the log's format, the connection aggregate behind a command bus in transactions, and
 * {@link ConnectionCommands}, which turns what the store refuses into recorded refusals as it does on a node. Dropped
 * on close.
 */
final class EmbeddedLog implements AutoCloseable {

    /** The unique_violation of PostgreSQL and of H2, which the node's resolver reads as a conflict too. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final SingleConnectionDataSource dataSource;
    private final JdbcEventStorageEngine storage;
    private final EmbeddedEventStore eventStore;
    private final ConnectionCommands commands;

    /** @param clock what the aggregate and the refusals it records read the time from */
    EmbeddedLog(Clock clock) {
        // one connection for the database's whole life: an in-memory H2 database goes when its last connection does
        dataSource = new SingleConnectionDataSource(
                "jdbc:h2:mem:replay-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH",
                "sa",
                "",
                true);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        var transactions = new DataSourceTransactionManager(dataSource);
        var axonTransactions = new SpringTransactionManager(transactions);
        Serializer serializer = EventLogFormat.serializer();
        storage = JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(axonTransactions)
                .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION))
                .schema(EventLogFormat.eventSchema())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(EventLogUpcasters.chain())
                .build();
        eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
        var commandBus =
                SimpleCommandBus.builder().transactionManager(axonTransactions).build();
        ConnectionAggregateType.subscribe(commandBus, eventStore, clock, null);
        commands = new ConnectionCommands(
                DefaultCommandGateway.builder().commandBus(commandBus).build(),
                eventStore,
                clock,
                ConnectionCommandListener.NONE,
                transactions);
    }

    /**
     * Appends the connection events of these, each to its stream at its recorded sequence, as the log held them. A
     * refusal of an id with no stream belongs to none and feed events to streams of their own; neither can meet a
     * connection command in the unique key, so they are left out.
     */
    void holding(List<LoggedEvent> events) {
        List<DomainEventMessage<?>> stored = events.stream()
                .filter(EmbeddedLog::inItsStream)
                .<DomainEventMessage<?>>map(event -> new GenericDomainEventMessage<>(
                        ConnectionAggregateType.get().getSimpleName(),
                        event.streamId(),
                        event.sequence(),
                        event.payload(),
                        MetaData.emptyInstance(),
                        event.eventId(),
                        event.timestamp()))
                .toList();
        if (!stored.isEmpty()) {
            storage.appendEvents(stored);
        }
    }

    ConnectionCommands commands() {
        return commands;
    }

    /** The payloads of a stream's events, in order. */
    List<Object> stream(String streamId) {
        return eventStore
                .readEvents(streamId)
                .asStream()
                .<Object>map(Message::getPayload)
                .toList();
    }

    @Override
    public void close() {
        eventStore.shutDown();
        dataSource.destroy();
    }

    private static boolean inItsStream(LoggedEvent event) {
        if (!(event.payload() instanceof ConnectionEvent payload)) {
            return false;
        }
        String stream = payload instanceof FinalIdClaimed claim ? claim.finalId() : payload.connectionId();
        return event.streamId().equals(stream);
    }
}
