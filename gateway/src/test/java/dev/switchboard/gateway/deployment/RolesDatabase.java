package dev.switchboard.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.OwnPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The deployment's database on a PostgreSQL of the test's own: database {@code switchboard}, and the roles that
 * {@code deploy/postgres/roles.sh} creates, by running that very script with psql as the compose file's database does.
 * The test server trusts every local login, so the passwords are set but not checked here.
 */
final class RolesDatabase {

    static final Path ROLES_SCRIPT = Path.of("..", "deploy", "postgres", "roles.sh");
    static final String NAME = "switchboard";
    static final String OWNER = "switchboard_owner";
    static final String APP = "switchboard_app";
    static final String OWNER_PASSWORD = "owner-password";
    static final String APP_PASSWORD = "app-password";

    private final OwnPostgres postgres;

    private RolesDatabase(OwnPostgres postgres) {
        this.postgres = postgres;
    }

    static RolesDatabase create(OwnPostgres postgres) throws Exception {
        try (Connection superuser = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "")) {
            superuser.createStatement().execute("CREATE DATABASE " + NAME);
        }
        runRolesScript(postgres);
        return new RolesDatabase(postgres);
    }

    String jdbcUrl() {
        return postgres.jdbcUrl(NAME);
    }

    Connection connectAs(String role) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role, "");
    }

    /** The first column of a query's rows, read as the superuser. */
    List<String> strings(String query) throws SQLException {
        try (Connection connection = connectAs("postgres");
                var rows = connection.createStatement().executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void runRolesScript(OwnPostgres postgres) throws Exception {
        assertThat(ROLES_SCRIPT).as("run from the gateway module").exists();
        Path output = Files.createTempFile("switchboard-roles-", ".log");
        try {
            var script = new ProcessBuilder("sh", ROLES_SCRIPT.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            var environment = script.environment();
            environment.put("PATH", postgres.bin() + ":" + System.getenv("PATH"));
            environment.put("PGHOST", "127.0.0.1");
            environment.put("PGPORT", Integer.toString(postgres.port()));
            environment.put("POSTGRES_USER", "postgres");
            environment.put("POSTGRES_DB", NAME);
            environment.put("SWITCHBOARD_DB_OWNER_PASSWORD", OWNER_PASSWORD);
            environment.put("SWITCHBOARD_DB_APP_PASSWORD", APP_PASSWORD);
            Process process = script.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("roles.sh finished")
                    .isTrue();
            assertThat(process.exitValue()).as(Files.readString(output)).isZero();
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
