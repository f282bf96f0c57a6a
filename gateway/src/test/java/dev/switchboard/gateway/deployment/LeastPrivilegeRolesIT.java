package dev.switchboard.gateway.deployment;

import static dev.switchboard.gateway.deployment.RolesDatabase.APP;
import static dev.switchboard.gateway.deployment.RolesDatabase.OWNER;
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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The node on the roles the deployment gives it: {@code deploy/postgres/roles.sh} (the script the compose file's
 * database runs) creates the owner and the app role on a PostgreSQL of the test's own, Flyway migrates as the owner,
 * the node runs as the app role, and the golden path, a push and a registry rebuild all work. Neither role is a
 * superuser, and the app role cannot change the schema.
 */
class LeastPrivilegeRolesIT {

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
            RolesDatabase database = RolesDatabase.create(postgres);

            try (ConfigurableApplicationContext node = Nodes.node()
                    .properties(
                            "spring.datasource.url=" + database.jdbcUrl(),
                            "spring.datasource.username=" + APP,
                            "spring.datasource.password=" + RolesDatabase.APP_PASSWORD,
                            "spring.flyway.user=" + OWNER,
                            "spring.flyway.password=" + RolesDatabase.OWNER_PASSWORD)
                    .run()) {
                int port = ((WebServerApplicationContext) node).getWebServer().getPort();
                goldenPath(port);
                pushAndRebuild(port);
                assertThat(database.strings("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = '"
                                + RolesDatabase.NAME + "' AND pid <> pg_backend_pid()"))
                        .as("the node's own connections")
                        .containsOnly(APP);
            }
            assertThat(database.strings("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"))
                    .as("every table")
                    .containsOnly(OWNER);
            assertThat(database.strings("SELECT rolname FROM pg_roles WHERE rolsuper"))
                    .doesNotContain(OWNER, APP);
            try (Connection app = database.connectAs(APP)) {
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
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.authenticate(Tokens.user(Tokens.newUserId()));
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
        // the rebuild empties its side table, copies rows in and locks the live table: row rights suffice
        var started = api.post("/api/projections/registry/rebuild", Tokens.admin(), "application/json", "");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            status[0] = api.get("/api/projections/registry", Tokens.admin()).body();
            return !List.of("REBUILDING", "VERIFYING")
                    .contains(status[0].path("state").asText());
        });
        assertThat(status[0].path("state").asText()).as(status[0].toString()).isEqualTo("SWITCHED");
    }
}
