package dev.switchboard.gateway.rest;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A node on PostgreSQL, called over real HTTP. Connections are driven through {@link ConnectionCommands}, as the
 * WebSocket handler drives them, so each test sets up exactly the lifecycle it needs. Metrics export is on, as in
 * production (Boot's tests switch it off), so that {@code /actuator/prometheus} exists.
 */
@AutoConfigureObservability(tracing = false)
abstract class ApiIntegrationTest extends PostgresIntegrationTest {

    static final Instant TOKEN_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

    @Autowired
    ConnectionCommands commands;

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void connectClient() {
        api = new ApiClient(port);
    }

    static String newConnectionId() {
        return "api-" + UUID.randomUUID();
    }

    /** Opens and authenticates a connection; returns its preliminary id. */
    String authenticated(String userId) throws ConnectionRejectedException {
        String id = newConnectionId();
        commands.send(new OpenConnection(id, "node-a"));
        commands.send(new AuthenticateConnection(id, userId, TOKEN_EXPIRY));
        return id;
    }

    /** Takes a connection all the way to READY; returns its final id. */
    String ready(String userId) throws ConnectionRejectedException {
        String id = authenticated(userId);
        String finalId = id + "-final";
        commands.send(new MigrateConnectionId(id, finalId));
        commands.send(new MarkConnectionReady(id));
        return finalId;
    }
}
