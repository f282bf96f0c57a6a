package dev.switchboard.gateway.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A node on PostgreSQL whose log already holds a couple of thousand events, so that a rebuild takes long enough to be
 * seen running. Small batches make its progress visible in many steps.
 */
@TestPropertySource(properties = "switchboard.rebuild.batch-size=100")
abstract class RebuildIntegrationTest extends PostgresIntegrationTest {

    static final Instant TOKEN_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");
    static final String REGISTRY = "/api/projections/registry";
    /** Lifecycles of six events each (the final-id claim included): about 2,100 events. */
    private static final int SEEDED_LIFECYCLES = 350;

    private static final int SEEDING_THREADS = 8;
    private static final AtomicBoolean seeded = new AtomicBoolean();

    @Autowired
    ConnectionCommands commands;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void seedTheLogOnce() {
        api = new ApiClient(port);
        if (seeded.compareAndSet(false, true)) {
            seed(SEEDED_LIFECYCLES);
        }
    }

    /** Runs lifecycles on several threads: each command waits mostly for its commit, not for a core. */
    void seed(int lifecycles) {
        var seeders = new ForkJoinPool(SEEDING_THREADS);
        try {
            seeders.submit(() -> IntStream.range(0, lifecycles).parallel().forEach(i -> lifecycle(i % 3 != 0)))
                    .join();
        } finally {
            seeders.shutdown();
        }
    }

    /** Takes a new connection to READY, and closed when asked; returns its preliminary id. */
    String lifecycle(boolean close) {
        String id = "rebuild-" + UUID.randomUUID();
        try {
            commands.send(new OpenConnection(id, "node-rebuild"));
            commands.send(new AuthenticateConnection(id, "rebuild-user-" + (id.hashCode() & 7), TOKEN_EXPIRY));
            commands.send(new MigrateConnectionId(id, id + "-final"));
            commands.send(new MarkConnectionReady(id));
            if (close) {
                commands.send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, null, "node-rebuild"));
            }
        } catch (ConnectionRejectedException e) {
            throw new AssertionError(e);
        }
        return id;
    }

    ApiClient.Response startRebuild(String query) {
        return api.post(REGISTRY + "/rebuild" + query, Tokens.admin(), "application/json", "");
    }

    JsonNode status() {
        var response = api.get(REGISTRY, Tokens.admin());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    /** Starts a rebuild and returns the projection once it has finished. */
    JsonNode rebuild(String query) {
        var started = startRebuild(query);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        return awaitFinished();
    }

    JsonNode awaitFinished() {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    last[0] = status();
                    String state = last[0].path("state").asText();
                    return !state.equals("REBUILDING") && !state.equals("VERIFYING");
                });
        return last[0];
    }

    long liveRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM connection_registry", Long.class);
    }
}
