package dev.switchboard.command.feed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.ids.MessageIdentifiers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;

/**
 * A database for the feed writer's tests, migrated by the db module: a PostgreSQL database made for this JVM and
 * dropped when it exits, on the server of {@code TEST_DATABASE_URL} or else the local one (127.0.0.1:5432, user
 * postgres, no password), as the gateway's tests find theirs; or an in-memory H2 in the PostgreSQL mode a node without
 * a datasource runs on.
 */
record FeedDatabase(String url, String user, String password) {

    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static String postgresUrl;
    private static final FeedPayloads PAYLOADS = new FeedPayloads(serializer());

    static synchronized FeedDatabase postgres() {
        if (postgresUrl == null) {
            String server = System.getenv().getOrDefault("TEST_DATABASE_URL", LOCAL_SERVER);
            String name = "switchboard_feed_" + UUID.randomUUID().toString().substring(0, 8);
            execute(server, "CREATE DATABASE " + name);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> execute(server, "DROP DATABASE " + name + " WITH (FORCE)")));
            postgresUrl = server.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
            new FeedDatabase(postgresUrl, postgresUser(), postgresPassword()).migrate();
        }
        return new FeedDatabase(postgresUrl, postgresUser(), postgresPassword());
    }

    /** A fresh in-memory H2, as {@code EmbeddedDatabaseDefaults} configures the file one. */
    static FeedDatabase h2() {
        String url = "jdbc:h2:mem:feed-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        FeedDatabase database = new FeedDatabase(url, "sa", "");
        database.migrate();
        return database;
    }

    /** A small pool, like a node's; close it after the test. */
    HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** A node's feed writer, with the default batch size and queue bound; close it after the test. */
    static AgentEvents node(DataSource dataSource, Clock clock, FeedCommitListener listener) {
        return new AgentEvents(
                dataSource, serializer(), clock, new FeedHeads(1_000), listener, 1_000, Duration.ofMillis(250));
    }

    /** The writer alone, to queue requests without waiting for them; close it after the test. */
    static FeedWriter writer(DataSource dataSource, FeedCommitListener listener, int maxBatch, Duration maxDelay) {
        var transaction = new FeedTransaction(
                dataSource,
                new FeedRows(serializer(), payloads()),
                new FeedHeads(1_000),
                Clock.systemUTC(),
                FeedDatabase::newId);
        return new FeedWriter(transaction, listener, maxBatch, maxDelay);
    }

    /** A request for {@link #writer}, as a node makes it. */
    static FeedRequest request(List<PublishAgentEvent> events) {
        return new FeedRequest(events, FeedDatabase::newId, PAYLOADS);
    }

    /** One for all tests, as a node has one: each holds a mapper, whose caches make it fast once warm. */
    static FeedPayloads payloads() {
        return PAYLOADS;
    }

    static String newId() {
        return new MessageIdentifiers().generateIdentifier();
    }

    /** What audit's {@code EventLogFormat.serializer()} makes, which this module cannot see: JSON, ISO times. */
    static Serializer serializer() {
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(json).build();
    }

    private static String postgresUser() {
        return System.getenv().getOrDefault("TEST_DATABASE_USER", "postgres");
    }

    private static String postgresPassword() {
        return System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", "");
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, postgresUser(), postgresPassword());
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }
}
