package dev.switchboard.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.cluster.NodeLease.State;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a dead node left open is closed as NODE_LOST by another node; what a node that stops cleanly left is not. */
class GhostReapingIT extends PostgresIntegrationTest {

    private static final Instant TOKEN_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

    @Autowired
    ConnectionCommands commands;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    NodeLeases leases;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theConnectionsADeadNodeLeftOpenAreClosedAsNodeLostWithTheReason() throws Exception {
        String dead = "dead-" + UUID.randomUUID();
        String ready = ready(dead);
        String authenticated = open(dead);
        commands.send(new AuthenticateConnection(authenticated, "user-b", TOKEN_EXPIRY));
        String opened = open(dead);
        String closedEarlier = open(dead);
        commands.send(new CloseConnection(closedEarlier, CloseReason.CLIENT_CLOSED, null, dead));
        Instant lastRenewal = Instant.now();
        leases.start(dead, lastRenewal.minusSeconds(20), lastRenewal);
        String openedByALaterRun = open(dead);

        await().atMost(Duration.ofSeconds(20)).until(() -> lease(dead).state() == State.REAPED);

        for (String id : new String[] {ready, authenticated, opened}) {
            assertThat(connection(id).state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(connection(id).closeReason()).isEqualTo(CloseReason.NODE_LOST);
            assertThat(closeDetail(id)).contains("node " + dead + " stopped renewing its lease at ");
        }
        assertThat(connection(closedEarlier).closeReason()).isEqualTo(CloseReason.CLIENT_CLOSED);
        assertThat(connection(openedByALaterRun).state()).isEqualTo(ConnectionState.OPENED);
        assertThat(lease(dead).reapedBy()).isNotBlank().isNotEqualTo(dead);
    }

    @Test
    void aNodeBackUnderItsIdClosesWhatItsLastRunLeftAndItsCleanStopIsNotReaped() throws Exception {
        String nodeId = "restarted-" + UUID.randomUUID();
        String leftByLastRun = ready(nodeId);

        var node = Nodes.node().properties("switchboard.node-id=" + nodeId).run();
        try {
            assertThat(node.getBean(NodeIdentity.class).id()).isEqualTo(nodeId);
            assertThat(connection(leftByLastRun).closeReason()).isEqualTo(CloseReason.NODE_LOST);
            assertThat(lease(nodeId).state()).isEqualTo(State.ALIVE);
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            try (TestSocket socket = TestSocket.connect(port)) {
                String connectionId = socket.authenticate(Tokens.user(Tokens.newUserId()))
                        .path("connectionId")
                        .asText();
                node.close();
                assertThat(socket.awaitClose()).isEqualTo(1001);
                assertThat(connection(connectionId).closeReason()).isEqualTo(CloseReason.SERVER_SHUTDOWN);
            }
        } finally {
            node.close();
        }
        assertThat(lease(nodeId).state()).isEqualTo(State.STOPPED);
        assertThat(lease(nodeId).reapedBy()).isNull();
    }

    @Test
    void aNodeThatFindsItsLeaseReapedClosesItsSocketsSoClientsReconnectAndTakesAFreshLease() {
        var node = Nodes.node()
                .properties("switchboard.cluster.lease-renewal=200ms")
                .run();
        try {
            String nodeId = node.getBean(NodeIdentity.class).id();
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            try (TestSocket socket = TestSocket.connect(port)) {
                socket.authenticate(Tokens.user(Tokens.newUserId()));
                // what another node does when it takes this one for dead (it stalled for longer than its lease)
                jdbc.update(
                        "UPDATE node_lease SET state = 'REAPING', reaped_by = 'another-node', reaped_at = ? "
                                + "WHERE node_id = ?",
                        java.sql.Timestamp.from(Instant.now()),
                        nodeId);

                assertThat(socket.awaitClose()).isEqualTo(1013);
                await().atMost(Duration.ofSeconds(5)).until(() -> lease(nodeId).state() == State.ALIVE);
                assertThat(lease(nodeId).reapedBy()).isNull();
            }
        } finally {
            node.close();
        }
    }

    private String open(String nodeId) throws Exception {
        String id = "ghost-" + UUID.randomUUID();
        commands.send(new OpenConnection(id, nodeId));
        return id;
    }

    private String ready(String nodeId) throws Exception {
        String id = open(nodeId);
        commands.send(new AuthenticateConnection(id, "user-a", TOKEN_EXPIRY));
        commands.send(new MigrateConnectionId(id, id + "-final"));
        commands.send(new MarkConnectionReady(id));
        return id;
    }

    private ConnectionView connection(String id) {
        return registry.find(id).orElseThrow();
    }

    private NodeLease lease(String nodeId) {
        return leases.all().stream()
                .filter(lease -> lease.nodeId().equals(nodeId))
                .findFirst()
                .orElseThrow();
    }

    private String closeDetail(String id) {
        return jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND payload_type LIKE '%ConnectionClosed'",
                String.class, id);
    }
}
