package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionView;
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
        List<String> history = jdbc.queryForList(
                "SELECT payload_type FROM domain_event_entry WHERE " + "aggregate_identifier = ? ORDER BY global_index",
                String.class,
                preliminaryId);
        assertThat(history)
                .filteredOn(type -> type.endsWith("ConnectionClosed"))
                .hasSize(1);
        int closedAt = indexOfClose(history);
        assertThat(history.subList(closedAt + 1, history.size()))
                .as("after the close, the handshake's remaining steps can only have been refused")
                .allSatisfy(type -> assertThat(type).endsWith("ConnectionCommandRejected"));
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

    private static int indexOfClose(List<String> history) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).endsWith("ConnectionClosed")) {
                return i;
            }
        }
        throw new AssertionError("no ConnectionClosed in " + history);
    }
}
