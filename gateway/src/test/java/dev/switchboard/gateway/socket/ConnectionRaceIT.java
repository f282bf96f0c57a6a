package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.gateway.support.LoggedStreams;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Races between sockets of one user and between the two ends of one socket. */
class ConnectionRaceIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    ConnectionCloser closer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void oneUserOpeningManyConnectionsAtOnceGetsDistinctFinalIdsAllReadyThenAllClosed() {
        String user = Tokens.newUserId();
        String token = Tokens.user(user);
        List<CompletableFuture<TestSocket>> opening = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    TestSocket socket = TestSocket.connect(port);
                    socket.authenticate(token);
                    return socket;
                }))
                .toList();
        List<TestSocket> sockets = opening.stream().map(CompletableFuture::join).toList();

        List<ConnectionView> ready = registry.ofUser(user, ConnectionState.READY);
        assertThat(ready).hasSize(20);
        assertThat(ready).extracting(ConnectionView::connectionId).doesNotHaveDuplicates();
        assertThat(ready).allSatisfy(c -> assertThat(c.connectionId()).isNotEqualTo(c.preliminaryId()));

        sockets.forEach(TestSocket::close);
        await().atMost(TestSocket.WAIT).untilAsserted(() -> assertThat(registry.ofUser(user, ConnectionState.CLOSED))
                .hasSize(20));
        assertThat(registry.ofUser(user, null)).hasSize(20);
    }

    /**
     * The upgrade is written with the handshake or with the close, never alone, and the close waits for a handshake
     * being written: so the log holds one of two serial orders, each in its commits, and no step after the close.
     */
    @RepeatedTest(10)
    void aClientHangingUpDuringAuthenticationLeavesAClosedConnection() {
        String user = Tokens.newUserId();
        TestSocket socket = TestSocket.connect(port);
        String preliminaryId = socket.expect("welcome").path("connectionId").asText();
        socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\"}");
        socket.abort();

        await().atMost(TestSocket.WAIT).untilAsserted(() -> assertThat(
                        registry.find(preliminaryId).orElseThrow().state())
                .isEqualTo(ConnectionState.CLOSED));
        List<String> history = LoggedStreams.types(jdbc, preliminaryId);
        if (history.size() == 2) {
            assertThat(history).as("closed first").containsExactly("ConnectionOpened", "ConnectionClosed");
            assertThat(LoggedStreams.commits(jdbc, preliminaryId)).isEqualTo(1);
        } else {
            assertThat(history)
                    .as("the handshake, then its close")
                    .containsExactly(
                            "ConnectionOpened",
                            "ConnectionAuthenticated",
                            "ConnectionIdMigrated",
                            "ConnectionMarkedReady",
                            "ConnectionClosed");
            assertThat(LoggedStreams.commits(jdbc, preliminaryId)).isEqualTo(2);
        }
    }

    @RepeatedTest(10)
    void aServerCloseRacingAClientCloseClosesOnceWithOneReason() throws Exception {
        String user = Tokens.newUserId();
        TestSocket socket = TestSocket.connect(port);
        String finalId =
                socket.authenticate(Tokens.user(user)).path("connectionId").asText();
        String preliminaryId = registry.find(finalId).orElseThrow().preliminaryId();

        var serverClose = CompletableFuture.runAsync(() -> {
            try {
                closer.close(preliminaryId, CloseReason.ADMIN_CLOSED, "race test");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        socket.close();
        serverClose.join();

        await().atMost(TestSocket.WAIT).untilAsserted(() -> {
            ConnectionView view = registry.find(finalId).orElseThrow();
            assertThat(view.state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(view.closeReason()).isIn(CloseReason.ADMIN_CLOSED, CloseReason.CLIENT_CLOSED);
        });
        List<String> closes = jdbc.queryForList(
                "SELECT payload_type FROM domain_event_entry WHERE "
                        + "aggregate_identifier = ? AND payload_type LIKE '%ConnectionClosed'",
                String.class, preliminaryId);
        assertThat(closes).hasSize(1);
    }

    @Test
    void anAdminCloseReachesTheClientWithItsCodeAfterTheLogHasIt() throws Exception {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            String finalId =
                    socket.authenticate(Tokens.user(user)).path("connectionId").asText();
            closer.close(registry.find(finalId).orElseThrow().preliminaryId(), CloseReason.ADMIN_CLOSED, "test");

            assertThat(socket.awaitClose()).isEqualTo(4010);
            assertThat(registry.find(finalId).orElseThrow().closeReason()).isEqualTo(CloseReason.ADMIN_CLOSED);
        }
    }
}
