package dev.switchboard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database with a random name, migrated by the db module's Flyway scripts, so no figure is ever
 * taken on a database an earlier run left behind. The server is {@code BENCH_DATABASE_SERVER} (a JDBC URL of a
 * database to connect to for CREATE/DROP, default the local server's {@code postgres}), user {@code postgres}
 * unless {@code BENCH_DATABASE_USER} says otherwise.
 */
public final class BenchDatabase implements AutoCloseable {

    private static final String SERVER = env("BENCH_DATABASE_SERVER", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("BENCH_DATABASE_USER", "postgres");
    private static final String PASSWORD = env("BENCH_DATABASE_PASSWORD", "");

    private final String name;
    private final boolean owned;

    private BenchDatabase(String name, boolean owned) {
        this.name = name;
        this.owned = owned;
    }

    /**
     * The database {@code BENCH_DATABASE_NAME} names, migrated, when run.sh created one to share with pgbench (it
     * drops it too); otherwise a fresh one of this run's own.
     */
    public static BenchDatabase forRun() {
        String shared = System.getenv("BENCH_DATABASE_NAME");
        if (shared == null || shared.isBlank()) {
            return create();
        }
        var database = new BenchDatabase(shared, false);
        database.migrate();
        return database;
    }

    /** Creates and migrates a database named {@code switchboard_bench_<random>}. */
    public static BenchDatabase create() {
        var database = new BenchDatabase(
                "switchboard_bench_"
                        + UUID.randomUUID()
                                .toString()
                                .replace("-", "")
                                .substring(0, 12)
                                .toLowerCase(Locale.ROOT),
                true);
        database.admin("CREATE DATABASE " + database.name);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            // nobody holds it yet to close it: a failed migration (the server out of connections) must not leave it
            try {
                database.close();
            } catch (RuntimeException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
        return database;
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public DataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    /** Drops the database, closing whatever sessions a crashed run left on it. */
    @Override
    public void close() {
        if (owned) {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + SERVER + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
