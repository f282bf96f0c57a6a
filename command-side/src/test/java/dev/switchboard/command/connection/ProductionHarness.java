package dev.switchboard.command.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.command.cache.AggregateCache;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The connection aggregate wired as a node wires it, on a PostgreSQL database of its own: the caching event-sourcing
 * repository with the {@link AggregateCache}, Axon's command bus in Spring transactions, the JDBC event store on the
 * transaction's connection with PostgreSQL's unique key, and {@link ConnectionCommands} with its groups. Only the
 * registry projection is left out (the command side cannot see it; the gateway's tests cover it). One connection,
 * one thread, unless started with a pool.
 *
 * <p>The database is created on {@code TEST_DATABASE_URL} (with {@code TEST_DATABASE_USER} and
 * {@code TEST_DATABASE_PASSWORD}) or on 127.0.0.1:5432 as user postgres, and dropped on close.
 */
final class ProductionHarness implements AutoCloseable {

    private static final String UNIQUE_VIOLATION = "23505";

    private final String server;
    private final String database;
    private final DataSource dataSource;
    private final JdbcEventStorageEngine storage;
    private final EmbeddedEventStore eventStore;
    private final ConnectionCommands commands;
    private final JdbcTemplate jdbc;
    private final JacksonSerializer serializer;
    private long read = -1;

    private ProductionHarness(String server, String database, Clock clock, int connections) {
        this.server = server;
        this.database = database;
        String url = server.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        // commits still happen one by one, in order; they only do not wait for the disk, which no assertion is about
        var properties = new Properties();
        properties.setProperty("options", "-c synchronous_commit=off");
        if (connections == 1) {
            var single = new SingleConnectionDataSource(url, user(), password(), true);
            single.setConnectionProperties(properties);
            this.dataSource = single;
        } else {
            var pool = new HikariConfig();
            pool.setJdbcUrl(url);
            pool.setUsername(user());
            pool.setPassword(password());
            pool.setDataSourceProperties(properties);
            pool.setMaximumPoolSize(connections);
            this.dataSource = new HikariDataSource(pool);
        }
        var transactions = new DataSourceTransactionManager(dataSource);
        var axonTransactions = new SpringTransactionManager(transactions);
        this.jdbc = new JdbcTemplate(dataSource);
        this.serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
                .build();
        this.storage = JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(axonTransactions)
                .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        storage.createSchema(PostgresEventTableFactory.INSTANCE);
        this.eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
        var commandBus =
                SimpleCommandBus.builder().transactionManager(axonTransactions).build();
        ConnectionAggregateType.subscribe(commandBus, eventStore, clock, new AggregateCache(100_000));
        this.commands = new ConnectionCommands(
                DefaultCommandGateway.builder().commandBus(commandBus).build(),
                eventStore,
                clock,
                ConnectionCommandListener.NONE,
                transactions);
    }

    static ProductionHarness start(Clock clock) {
        return start(clock, 1);
    }

    /** With a pool of {@code connections}, for many threads at once; one connection serves one thread. */
    static ProductionHarness start(Clock clock, int connections) {
        String server = env("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String database = "switchboard_model_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute(server, "CREATE DATABASE " + database);
        return new ProductionHarness(server, database, clock, connections);
    }

    ConnectionCommands commands() {
        return commands;
    }

    /** One row of the event table: a stream's event, or (no type) an event of no stream. */
    record Row(long position, String stream, long sequence, String type, ConnectionEvent payload) {}

    /** The events appended since the last call, across all streams, in log order. */
    List<Row> appended() {
        List<Row> rows = jdbc.query(
                "SELECT globalIndex, aggregateIdentifier, sequenceNumber, type, payloadType, payloadRevision, payload "
                        + "FROM DomainEventEntry WHERE globalIndex > ? ORDER BY globalIndex",
                (row, i) -> new Row(
                        row.getLong(1),
                        row.getString(2),
                        row.getLong(3),
                        row.getString(4),
                        serializer.deserialize(new SimpleSerializedObject<>(
                                row.getBytes(7), byte[].class, row.getString(5), row.getString(6)))),
                read);
        if (!rows.isEmpty()) {
            read = rows.get(rows.size() - 1).position();
        }
        return rows;
    }

    /** How many commits wrote the events of the streams whose ids are {@code LIKE idPattern} (see xmin). */
    int commits(String idPattern) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(DISTINCT xmin::text) FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?",
                Integer.class,
                idPattern);
        return count == null ? 0 : count;
    }

    /**
     * Holds a lock on the event table that every append waits for, on a connection of its own, until closed: the
     * node's writer is then held inside its transaction, so what is sent meanwhile queues behind it.
     */
    Held lockEventTable() throws SQLException {
        var connection = DriverManager.getConnection(
                server.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"), user(), password());
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            statement.execute("LOCK TABLE DomainEventEntry IN SHARE MODE");
        }
        return () -> {
            try (connection) {
                connection.commit();
            }
        };
    }

    /** Waits until a statement of the node waits for a lock, such as {@link #lockEventTable}'s. */
    void awaitBlockedOnLock(Duration timeout) throws InterruptedException {
        awaitUntil(
                timeout,
                "a statement waiting for a lock",
                () -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                                        + "AND wait_event_type = 'Lock'",
                                Integer.class)
                        > 0);
    }

    /** Waits until {@code count} decided groups wait in the node's writer queue. */
    void awaitQueuedGroups(int count, Duration timeout) throws InterruptedException {
        awaitUntil(timeout, count + " queued groups", () -> commands.queuedDecided() >= count);
    }

    private static void awaitUntil(Duration timeout, String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting after " + timeout + " for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A lock released by closing. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    @Override
    public void close() {
        eventStore.shutDown();
        try {
            commands.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dataSource instanceof SingleConnectionDataSource single) {
            single.destroy();
        } else {
            ((HikariDataSource) dataSource).close();
        }
        execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void execute(String server, String sql) {
        try (var connection = DriverManager.getConnection(server, user(), password());
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the model test needs a PostgreSQL server (" + server + "): " + sql, e);
        }
    }

    private static String user() {
        return env("TEST_DATABASE_USER", "postgres");
    }

    private static String password() {
        return env("TEST_DATABASE_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
