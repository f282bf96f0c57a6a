package dev.switchboard.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.LoggedStreams;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Groups of commands through {@link ConnectionCommands#sendAll}: one commit with an event per step, a refusal kept
 * with the steps before it, and anything else rolled back whole and sent again one command at a time.
 */
class GroupedCommandsIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionCommands commands;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aHandshakeInOneGroupIsOneCommitThatKeepsEachStepAsAnEventOfItsOwn() throws Exception {
        String id = Lifecycles.newId("group");
        Instant upgradedAt = Instant.parse("2026-01-02T03:04:05.123456Z");

        commands.sendAll(handshake(id, new OpenConnection(id, "node-a", "10.0.0.9", upgradedAt), "erin"));

        assertThat(EventLog.types(jdbc, id, id + "-final")).isEqualTo(LoggedStreams.HANDSHAKE);
        assertThat(LoggedStreams.commits(jdbc, id, id + "-final")).isEqualTo(1);
        var row = registry.find(id + "-final").orElseThrow();
        assertThat(row.state()).isEqualTo(ConnectionState.READY);
        assertThat(row.openedAt()).as("the upgrade's time, not the commit's").isEqualTo(upgradedAt);
    }

    /** The registry row's four writes of a handshake go out as one at the commit: it holds what each step set. */
    @Test
    void aHandshakeGroupLeavesTheRegistryRowAsItsLastStepLeftIt() throws Exception {
        String id = Lifecycles.newId("group-row");

        commands.sendAll(handshake(id, new OpenConnection(id, "node-a", "10.0.0.9", Instant.now()), "erin"));

        var row = registry.find(id).orElseThrow();
        assertThat(row.connectionId()).isEqualTo(id + "-final");
        assertThat(row.userId()).isEqualTo("erin");
        assertThat(row.nodeId()).isEqualTo("node-a");
        assertThat(row.state()).isEqualTo(ConnectionState.READY);
        assertThat(row.authenticatedAt()).isNotNull();
        assertThat(row.readyAt()).isNotNull();
        assertThat(row.closedAt()).isNull();
        assertThat(row.lastPosition())
                .as("the position of the ready event, the group's last on the row")
                .isEqualTo(jdbc.queryForObject(
                        "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                                + "AND payload_type LIKE '%.ConnectionMarkedReady'",
                        Long.class, id));
    }

    /** A registry write that fails at the commit fails the group like any refused commit: neither log nor row keep it. */
    @Test
    void aGroupWhoseRegistryRowIsRefusedAtTheCommitIsSentAgainOneAtATime() throws Exception {
        String id = Lifecycles.newId("group-row-refused");

        try (var refusal = RefusedCommit.registryRowOnce(jdbc, id)) {
            commands.sendAll(handshake(id, new OpenConnection(id, "node-a"), "erin"));
            assertThat(refusal.fired()).isTrue();
        }

        assertThat(EventLog.types(jdbc, id, id + "-final")).isEqualTo(LoggedStreams.HANDSHAKE);
        assertThat(LoggedStreams.commits(jdbc, id, id + "-final"))
                .as("each step alone, after the group rolled back")
                .isEqualTo(4);
        assertThat(registry.find(id).orElseThrow().state()).isEqualTo(ConnectionState.READY);
    }

    @Test
    void aRefusalEndsTheGroupAndIsCommittedWithTheStepsBeforeIt() {
        String id = Lifecycles.newId("group-refused");
        List<ConnectionCommand> group = List.of(
                new OpenConnection(id, "node-a"),
                new AuthenticateConnection(id, "erin", Lifecycles.TOKEN_EXPIRY),
                new AuthenticateConnection(id, "frank", Lifecycles.TOKEN_EXPIRY),
                new MarkConnectionReady(id));

        assertThatThrownBy(() -> commands.sendAll(group))
                .isInstanceOfSatisfying(ConnectionRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(RejectionCode.USER_MISMATCH));

        assertThat(EventLog.types(jdbc, id))
                .containsExactly("ConnectionOpened", "ConnectionAuthenticated", "ConnectionCommandRejected");
        assertThat(LoggedStreams.commits(jdbc, id)).isEqualTo(1);
        assertThat(registry.find(id).orElseThrow().state()).isEqualTo(ConnectionState.AUTHENTICATED);
    }

    /**
     * The group's units of work put the connection into the aggregate cache as READY, then its commit fails. Sent
     * again one at a time, the authentication must meet the connection as the log holds it (OPENED): had the cache
     * kept the group's READY, it would be refused as already authenticated.
     */
    @Test
    void aGroupWhoseCommitFailsLeavesNothingInTheLogNorInTheCache() throws Exception {
        String id = Lifecycles.newId("group-commit-fails");
        commands.send(new OpenConnection(id, "node-a"));

        try (var refusal = RefusedCommit.once(jdbc, id, "ConnectionMarkedReady")) {
            commands.sendAll(handshake(id, null, "erin"));
            assertThat(refusal.fired()).isTrue();
        }

        assertThat(EventLog.types(jdbc, id, id + "-final")).isEqualTo(LoggedStreams.HANDSHAKE);
        assertThat(LoggedStreams.commits(jdbc, id, id + "-final"))
                .as("the open, then each step alone")
                .isEqualTo(4);
        assertThat(registry.find(id).orElseThrow().state()).isEqualTo(ConnectionState.READY);
    }

    /** Authenticate, migrate to {@code id-final} and mark ready, behind {@code open} unless it is null. */
    private static List<ConnectionCommand> handshake(String id, OpenConnection open, String user) {
        var group = new ArrayList<ConnectionCommand>();
        if (open != null) {
            group.add(open);
        }
        group.add(new AuthenticateConnection(id, user, Lifecycles.TOKEN_EXPIRY));
        group.add(new MigrateConnectionId(id, id + "-final"));
        group.add(new MarkConnectionReady(id));
        return group;
    }
}
