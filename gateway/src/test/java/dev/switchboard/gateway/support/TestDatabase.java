package dev.switchboard.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A fresh PostgreSQL database for this test run, created with a random name and dropped when the JVM exits. Found,
 * in this order: the server named by {@code TEST_DATABASE_URL}; a PostgreSQL on localhost:5432 (user postgres, no
 * password); a Testcontainers PostgreSQL when Docker is available. Never a database an earlier run left behind:
 * those are dropped first ({@link LeftoverDatabases}).
 */
public final class TestDatabase {

    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static TestDatabase shared;

    /**
     * Where databases are created and dropped: the server's own database, never a test database, which another
     * shutdown hook may be dropping at the same moment.
     */
    private final String serverUrl;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private TestDatabase(String serverUrl, String jdbcUrl, String username, String password) {
        this.serverUrl = serverUrl;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** The database of this JVM's test run, created on first use. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    /**
     * A database of its own on the same server, for a test that changes the whole log (an archive run) or copies it
     * ({@link #copy()}); dropped when the JVM exits.
     */
    public static TestDatabase fresh() {
        TestDatabase server = shared();
        return createOn(server.serverUrl, server.username, server.password);
    }

    /** A new database holding what this one holds now (PostgreSQL's template copy); nobody may be connected. */
    public TestDatabase copy() {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).split("\\?")[0];
        return createOn(serverUrl, username, password, " TEMPLATE " + name);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    private static TestDatabase create() {
        String configured = System.getenv("TEST_DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            return createAfterSweep(
                    configured, env("TEST_DATABASE_USER", "postgres"), env("TEST_DATABASE_PASSWORD", ""));
        }
        if (answers(LOCAL_SERVER, "postgres", "")) {
            return createAfterSweep(LOCAL_SERVER, "postgres", "");
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            var container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return createOn(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        throw new IllegalStateException("""
                The integration tests need a PostgreSQL server, and none was found. Give them one of:
                  1. TEST_DATABASE_URL=jdbc:postgresql://host:5432/postgres (with TEST_DATABASE_USER and \
                TEST_DATABASE_PASSWORD when needed): a server where the tests may create and drop a database;
                  2. a PostgreSQL on localhost:5432 that lets user postgres in without a password;
                  3. a running Docker engine, for Testcontainers.""");
    }

    /** The run's first database on a server it shares with earlier runs: what they left behind goes first. */
    private static TestDatabase createAfterSweep(String serverUrl, String username, String password) {
        try {
            LeftoverDatabases.drop(serverUrl, username, password);
        } catch (SQLException e) {
            // a sweep that cannot run leaves the leftovers for the next one; this run's own database does not wait
        }
        return createOn(serverUrl, username, password);
    }

    private static TestDatabase createOn(String serverUrl, String username, String password) {
        return createOn(serverUrl, username, password, "");
    }

    private static TestDatabase createOn(String serverUrl, String username, String password, String template) {
        String name = LeftoverDatabases.name(
                UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT));
        execute(serverUrl, username, password, "CREATE DATABASE " + name + template);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long start = System.nanoTime();
            try {
                awaitNoSessions(serverUrl, username, password, name);
                execute(serverUrl, username, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                DropLog.write("dropped " + name + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            } catch (RuntimeException e) {
                DropLog.write("could not drop " + name + ": " + e);
                throw e;
            }
        }));
        return new TestDatabase(serverUrl, withDatabase(serverUrl, name), username, password);
    }

    /** Swaps the database name in a {@code jdbc:postgresql://host:port/name?params} URL. */
    static String withDatabase(String serverUrl, String name) {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String params = query < 0 ? "" : serverUrl.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + name + params;
    }

    /**
     * The nodes of this JVM stop on shutdown hooks of their own, running alongside this one, and still write on the
     * way out (their leases); dropping the database under them would stall each on its pool's connection timeout.
     * So the drop waits, for a bounded time, until they have let go.
     */
    private static void awaitNoSessions(String url, String username, String password, String name) {
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> sessionsOn(url, username, password, name) == 0);
        } catch (ConditionTimeoutException e) {
            // whoever is still connected is cut off by the forced drop
        }
    }

    private static int sessionsOn(String url, String username, String password, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, username, password);
                var statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static boolean answers(String url, String username, String password) {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(url, username, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void execute(String url, String username, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, username, password);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /**
     * What the drops on the way out did, appended to {@code target/test-databases.log}: a JVM's output after its last
     * test may not reach the build's, and a database left behind should say why.
     */
    private static final class DropLog {
        private static final Path FILE = Path.of("target", "test-databases.log");

        static synchronized void write(String line) {
            try {
                Files.writeString(
                        FILE,
                        Instant.now() + " pid " + ProcessHandle.current().pid() + " " + line + "\n",
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                // the drop's outcome is all that matters; its log line is a courtesy
            }
        }
    }
}
