package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.LoggedStreams;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a socket's life costs the log: the handshake, from the upgrade to {@code ready}, one commit; the close one more;
 * a socket that never authenticates one, at its close, with the upgrade's own time.
 */
class HandshakeCommitIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theHandshakeIsOneCommitAndTheWholeLifecycleTwo() {
        String preliminaryId;
        String finalId;
        try (TestSocket socket = TestSocket.connect(port)) {
            preliminaryId = socket.expect("welcome").path("connectionId").asText();
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(Tokens.newUserId()) + "\"}");
            finalId = socket.expect("ready").path("connectionId").asText();

            assertThat(registry.find(finalId).orElseThrow().state())
                    .as("ready is sent after the commit")
                    .isEqualTo(ConnectionState.READY);
            assertThat(types(preliminaryId, finalId)).isEqualTo(LoggedStreams.HANDSHAKE);
            assertThat(LoggedStreams.commits(jdbc, preliminaryId, finalId)).isEqualTo(1);
        }
        awaitClosed(preliminaryId);
        assertThat(LoggedStreams.commits(jdbc, preliminaryId, finalId)).isEqualTo(2);
    }

    @Test
    void aSocketThatNeverAuthenticatesCostsOneCommitAtItsCloseAndKeepsTheUpgradesTime() {
        Instant beforeUpgrade = Instant.now();
        String id;
        Instant welcomed;
        try (TestSocket socket = TestSocket.connect(port)) {
            id = socket.expect("welcome").path("connectionId").asText();
            welcomed = Instant.now();
            socket.send("{\"type\":\"ping\"}");
            socket.expect("pong");
            assertThat(registry.find(id))
                    .as("nothing is written at the upgrade")
                    .isEmpty();
            assertThat(types(id)).isEmpty();
        }

        ConnectionView closed = awaitClosed(id);
        assertThat(closed.closeReason()).isEqualTo(CloseReason.CLIENT_CLOSED);
        assertThat(closed.openedAt()).isBetween(beforeUpgrade, welcomed);
        assertThat(closed.closedAt()).isAfter(welcomed);
        assertThat(types(id)).containsExactly("ConnectionOpened", "ConnectionClosed");
        assertThat(LoggedStreams.commits(jdbc, id)).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsRecordedWithTheUpgradeInOneCommit() {
        String id;
        try (TestSocket socket = TestSocket.connect(port)) {
            id = socket.expect("welcome").path("connectionId").asText();
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.signedWithOtherKey(Tokens.newUserId()) + "\"}");
            assertThat(socket.awaitClose()).isEqualTo(4001);
        }

        assertThat(registry.find(id).orElseThrow().closeReason()).isEqualTo(CloseReason.AUTH_FAILED);
        assertThat(types(id)).containsExactly("ConnectionOpened", "ConnectionClosed");
        assertThat(LoggedStreams.commits(jdbc, id)).isEqualTo(1);
    }

    /** An operator finds connections in the registry, which holds a socket only once its handshake is in the log. */
    @Test
    void anOperatorCannotKickASocketBeforeItsHandshakeIsInTheLogAndCanAfter() {
        var api = new ApiClient(port);
        try (TestSocket socket = TestSocket.connect(port)) {
            String preliminaryId = socket.expect("welcome").path("connectionId").asText();

            assertThat(api.delete("/api/connections/" + preliminaryId, Tokens.admin())
                            .status())
                    .isEqualTo(404);

            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(Tokens.newUserId()) + "\"}");
            String finalId = socket.expect("ready").path("connectionId").asText();
            assertThat(api.delete("/api/connections/" + preliminaryId, Tokens.admin())
                            .status())
                    .isEqualTo(204);
            assertThat(socket.awaitClose()).isEqualTo(4010);
            assertThat(registry.find(finalId).orElseThrow().closeReason()).isEqualTo(CloseReason.ADMIN_CLOSED);
        }
    }

    private ConnectionView awaitClosed(String id) {
        await().atMost(TestSocket.WAIT).until(() -> registry.find(id)
                .filter(row -> row.state() == ConnectionState.CLOSED)
                .isPresent());
        return registry.find(id).orElseThrow();
    }

    private List<String> types(String... ids) {
        return LoggedStreams.types(jdbc, ids);
    }
}
