package dev.switchboard.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.OwnPostgres;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The node on the roles the deployment gives it: a PostgreSQL of its own, {@code deploy/postgres/roles.sh} (the script
 * the compose file's database runs) creates the owner and the app role, Flyway migrates as the owner, the node runs as
 * the app role, and the golden path, a push and a registry rebuild all work. The app role is no superuser and cannot
 * change the schema.
 */
class LeastPrivilegeRolesIT {

    static final Path ROLES_SCRIPT = Path.of("..", "deploy", "postgres", "roles.sh");
    private static final String DATABASE = "switchboard";
    private static final String OWNER = "switchboard_owner";
    private static final String APP = "switchboard_app";

    @Test
    void theNodeRunsItsGoldenPathAsTheAppRoleOnTablesTheOwnerMigrated() throws Exception {
        Path bin = OwnPostgres.installedBin().orElse(null);
        // CI machines have the binaries: there, a missing installation is a failure, never a quiet skip
        assertThat(bin != null || System.getenv("CI") == null)
                .as("CI must run this test: no PostgreSQL installation under /usr/lib/postgresql")
                .isTrue();
        assumeThat(bin)
                .as("needs a PostgreSQL installation under /usr/lib/postgresql")
                .isNotNull();
        try (OwnPostgres postgres = OwnPostgres.start(bin)) {
            execute(postgres.jdbcUrl(), "postgres", "CREATE DATABASE " + DATABASE);
            runRolesScript(postgres);

            try (ConfigurableApplicationContext node = Nodes.node()
                    .properties(
                            "spring.datasource.url=" + postgres.jdbcUrl(DATABASE),
                            "spring.datasource.username=" + APP,
                            "spring.datasource.password=app-password",
                            "spring.flyway.user=" + OWNER,
                            "spring.flyway.password=owner-password")
                    .run()) {
                int port = ((WebServerApplicationContext) node).getWebServer().getPort();
                goldenPath(port);
                pushAndRebuild(port);
                assertThat(sessionRoles(postgres))
                        .as("the node's own connections")
                        .containsOnly(APP);
            }
            assertThat(tableOwners(postgres)).as("every table").containsOnly(OWNER);
            assertThat(superusers(postgres)).doesNotContain(OWNER, APP);
            try (Connection app = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), APP, "")) {
                for (String change : List.of(
                        "CREATE TABLE intruder (id INT)",
                        "DROP TABLE domain_event_entry",
                        "ALTER TABLE connection_registry ADD COLUMN intruder INT")) {
                    assertThatThrownBy(() -> app.createStatement().execute(change))
                            .as(change)
                            .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState())
                                    .as("insufficient privilege")
                                    .isEqualTo("42501"));
                }
            }
        }
    }

    private static void goldenPath(int port) {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.authenticate(Tokens.user(user));
            socket.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"hello\"}");
            socket.expect("ack");
            assertThat(socket.next(5))
                    .extracting(event -> event.path("event").asText())
                    .containsExactly(
                            "agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");
        }
    }

    private static void pushAndRebuild(int port) {
        ApiClient api = new ApiClient(port);
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.authenticate(Tokens.user(user));
            var pushed = api.postJson(
                    "/api/users/" + user + "/events",
                    Tokens.publisher(),
                    "{\"runId\":\"r\",\"event\":\"agent_started\"}",
                    Map.of("Idempotency-Key", "k1"));
            assertThat(pushed.status()).as(pushed.raw()).isEqualTo(202);
            assertThat(socket.expect("event").path("seq").asLong()).isEqualTo(1);
        }
        // the rebuild empties its side table, copies rows in and locks the live table: DML rights suffice
        var started = api.post("/api/projections/registry/rebuild", Tokens.admin(), "application/json", "");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        JsonNode[] finished = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            finished[0] = api.get("/api/projections/registry", Tokens.admin()).body();
            return !List.of("REBUILDING", "VERIFYING")
                    .contains(finished[0].path("state").asText());
        });
        assertThat(finished[0].path("state").asText())
                .as(finished[0].toString())
                .isEqualTo("SWITCHED");
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
            environment.put("POSTGRES_DB", DATABASE);
            environment.put("SWITCHBOARD_DB_OWNER_PASSWORD", "owner-password");
            environment.put("SWITCHBOARD_DB_APP_PASSWORD", "app-password");
            Process process = script.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(output)).isZero();
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static List<String> sessionRoles(OwnPostgres postgres) throws SQLException {
        return strings(
                postgres,
                "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = '" + DATABASE
                        + "' AND pid <> pg_backend_pid() AND usename IS NOT NULL");
    }

    private static List<String> tableOwners(OwnPostgres postgres) throws SQLException {
        return strings(postgres, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'");
    }

    private static List<String> superusers(OwnPostgres postgres) throws SQLException {
        return strings(postgres, "SELECT rolname FROM pg_roles WHERE rolsuper");
    }

    private static List<String> strings(OwnPostgres postgres, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), "postgres", "");
                var rows = connection.createStatement().executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void execute(String url, String user, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            connection.createStatement().execute(sql);
        }
    }
}
