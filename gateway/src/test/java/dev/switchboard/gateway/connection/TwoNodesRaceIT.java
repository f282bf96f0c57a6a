package dev.switchboard.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RefreshConnectionToken;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.cache.AggregateCache;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one database, each with its own Axon stack and its own in-process locks, sending commands for the same
 * connection at the same instant. Only the store's optimistic check stands between them: the loser's append fails on
 * the unique key, the command is retried against the new state, and no accepted event is lost.
 */
class TwoNodesRaceIT extends PostgresIntegrationTest {

    private static ConfigurableApplicationContext nodeB;

    @Autowired
    ConnectionCommands nodeA;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier(AggregateCache.CONNECTIONS)
    AggregateCache nodeACache;

    @BeforeAll
    static void startSecondNode() {
        nodeB = Nodes.start();
    }

    @AfterAll
    static void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @RepeatedTest(10)
    void authenticationOnOneNodeRacingACloseOnTheOtherLosesNothing() throws Exception {
        String id = Lifecycles.newId("two-nodes");
        nodeA.send(new OpenConnection(id, "node-a"));

        var outcomes = Race.run(
                () -> send(nodeA, new AuthenticateConnection(id, "erin", Lifecycles.TOKEN_EXPIRY)),
                () -> send(nodeB(), new CloseConnection(id, CloseReason.NODE_LOST, null, "node-b")));

        assertThat(outcomes.get(1).succeeded()).isTrue();
        var history = EventLog.types(jdbc, id);
        if (outcomes.get(0).succeeded()) {
            assertThat(history).containsExactly("ConnectionOpened", "ConnectionAuthenticated", "ConnectionClosed");
        } else {
            assertThat(outcomes.get(0).error())
                    .isInstanceOfSatisfying(ConnectionRejectedException.class, e -> assertThat(e.code())
                            .isEqualTo(RejectionCode.CONNECTION_CLOSED));
            assertThat(history).containsExactly("ConnectionOpened", "ConnectionClosed", "ConnectionCommandRejected");
        }
        assertDenseStream(id);
        assertThat(registry.find(id).orElseThrow().state()).isEqualTo(ConnectionState.CLOSED);
    }

    @RepeatedTest(10)
    void twoNodesClosingTheSameConnectionCloseItOnce() throws Exception {
        String id = Lifecycles.newId("double-close");
        Lifecycles.ready(nodeA, id, "node-a", "frank");

        var outcomes = Race.run(
                () -> send(nodeA, new CloseConnection(id, CloseReason.CLIENT_CLOSED, null, "node-a")),
                () -> send(nodeB(), new CloseConnection(id, CloseReason.ADMIN_CLOSED, null, "node-b")));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(EventLog.types(jdbc, id))
                .containsOnlyOnce("ConnectionClosed")
                .endsWith("ConnectionClosed");
        assertDenseStream(id);
        var view = registry.find(id).orElseThrow();
        assertThat(view.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(view.closeReason()).isIn(CloseReason.CLIENT_CLOSED, CloseReason.ADMIN_CLOSED);
    }

    /**
     * Each node caches the aggregates it drives, so node A still holds this connection as READY after node B closed
     * it. A's next command must meet the closed connection anyway: its append collides with B's close on the unique
     * key, the cache entry is dropped, and the retry reloads the stream from the log.
     */
    @RepeatedTest(3)
    void aNodeWhoseCachedConnectionAnotherNodeClosedMeetsTheClose() throws Exception {
        String id = Lifecycles.newId("stale-cache");
        Lifecycles.ready(nodeA, id, "node-a", "gina");
        // a token refresh is not decided without the aggregate: node A loads the connection, and caches it
        nodeA.send(new RefreshConnectionToken(id, "gina", Lifecycles.TOKEN_EXPIRY));
        assertThat(nodeACache.containsKey(id))
                .as("node A holds the READY connection in its cache")
                .isTrue();
        nodeB().send(new CloseConnection(id, CloseReason.NODE_LOST, null, "node-b"));

        // a token refresh is accepted by a READY connection: only the log can tell node A that it is closed
        var refused = catchThrowableOfType(
                ConnectionRejectedException.class,
                () -> nodeA.send(new RefreshConnectionToken(id, "gina", Lifecycles.TOKEN_EXPIRY)));

        assertThat(refused)
                .as("node A's command against the connection node B closed")
                .isNotNull();
        assertThat(refused.code()).isEqualTo(RejectionCode.CONNECTION_CLOSED);
        assertThat(EventLog.types(jdbc, id)).endsWith("ConnectionClosed", "ConnectionCommandRejected");
        assertDenseStream(id);
        assertThat(registry.find(id).orElseThrow().closeReason()).isEqualTo(CloseReason.NODE_LOST);
    }

    /**
     * A handshake sent as one group is appended without the aggregate, and node A keeps the head it left, so that the
     * close is decided without reading the stream. Node B's close makes that head stale: A's close then repeats B's
     * sequence number, the store refuses it, and the aggregate, loading the stream, finds the connection closed.
     */
    @RepeatedTest(3)
    void aNodeWhoseKnownHeadAnotherNodeMadeStaleMeetsTheClose() throws Exception {
        String id = Lifecycles.newId("stale-head");
        nodeA.sendAll(List.of(
                new OpenConnection(id, "node-a"),
                new AuthenticateConnection(id, "hana", Lifecycles.TOKEN_EXPIRY),
                new MigrateConnectionId(id, id + "-final"),
                new MarkConnectionReady(id)));
        assertThat(nodeACache.containsKey(id))
                .as("node A decided the handshake without loading the aggregate")
                .isFalse();
        nodeB().send(new CloseConnection(id, CloseReason.NODE_LOST, null, "node-b"));

        nodeA.send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, null, "node-a"));

        assertThat(EventLog.types(jdbc, id))
                .containsOnlyOnce("ConnectionClosed")
                .endsWith("ConnectionClosed");
        assertDenseStream(id);
        assertThat(registry.find(id).orElseThrow().closeReason()).isEqualTo(CloseReason.NODE_LOST);
    }

    private void assertDenseStream(String id) {
        var sequences =
                EventLog.of(jdbc, id).stream().mapToLong(EventLog.Row::sequence).toArray();
        assertThat(sequences)
                .containsExactly(LongStream.range(0, sequences.length).toArray());
    }

    private static ConnectionCommands nodeB() {
        return nodeB.getBean(ConnectionCommands.class);
    }

    private static Boolean send(ConnectionCommands node, ConnectionCommand command) throws ConnectionRejectedException {
        node.send(command);
        return true;
    }
}
