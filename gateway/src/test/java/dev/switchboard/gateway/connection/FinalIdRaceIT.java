package dev.switchboard.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.query.registry.ConnectionRegistry;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two connections migrating to the same final id at the same instant: the event table's unique key lets exactly one
 * commit, and the other gets the typed rejection, recorded in its history. No read decides it.
 */
class FinalIdRaceIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionCommands commands;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @RepeatedTest(15)
    void exactlyOneOfTwoConnectionsClaimingTheSameFinalIdWins() throws Exception {
        String first = authenticated("race-a");
        String second = authenticated("race-b");
        String contested = Lifecycles.newId("contested");

        var outcomes = Race.run(() -> migrate(first, contested), () -> migrate(second, contested));

        assertThat(outcomes).filteredOn(Race.Outcome::succeeded).hasSize(1);
        var loser = outcomes.stream().filter(o -> !o.succeeded()).findFirst().orElseThrow();
        assertThat(loser.error()).isInstanceOfSatisfying(ConnectionRejectedException.class, e -> assertThat(e.code())
                .isEqualTo(RejectionCode.FINAL_ID_TAKEN));
        String winnerId = outcomes.get(0).succeeded() ? first : second;
        String loserId = winnerId.equals(first) ? second : first;

        assertThat(EventLog.of(jdbc, contested)).singleElement().satisfies(row -> assertThat(row.json())
                .contains("\"connectionId\":\"" + winnerId + "\""));
        assertThat(registry.find(contested).orElseThrow().preliminaryId()).isEqualTo(winnerId);
        assertThat(registry.find(loserId).orElseThrow().connectionId()).isEqualTo(loserId);
        assertThat(EventLog.types(jdbc, loserId))
                .containsExactly("ConnectionOpened", "ConnectionAuthenticated", "ConnectionCommandRejected");

        commands.send(new MigrateConnectionId(loserId, loserId + "-retry"));
        assertThat(registry.find(loserId + "-retry").orElseThrow().preliminaryId())
                .isEqualTo(loserId);
    }

    private String authenticated(String prefix) throws ConnectionRejectedException {
        String id = Lifecycles.newId(prefix);
        commands.send(new OpenConnection(id, "node-a"));
        commands.send(new AuthenticateConnection(id, "carol", Lifecycles.TOKEN_EXPIRY));
        return id;
    }

    private String migrate(String id, String finalId) throws ConnectionRejectedException {
        commands.send(new MigrateConnectionId(id, finalId));
        return id;
    }
}
