package dev.switchboard.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.List;
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
        String loserId = race((id, finalId) -> commands.send(new MigrateConnectionId(id, finalId)));

        commands.send(new MigrateConnectionId(loserId, loserId + "-retry"));
        assertThat(registry.find(loserId + "-retry").orElseThrow().preliminaryId())
                .isEqualTo(loserId);
    }

    /**
     * The same race between two groups (migrate, then ready): the winner's commits whole; the loser's meets the unique
     * key, rolls back, and is sent again one command at a time, so its migration is refused and recorded and its ready
     * is never sent.
     */
    @RepeatedTest(5)
    void ofTwoGroupsClaimingTheSameFinalIdOneCommitsWholeAndTheOtherRecordsTheRefusal() throws Exception {
        String loserId = race((id, finalId) ->
                commands.sendAll(List.of(new MigrateConnectionId(id, finalId), new MarkConnectionReady(id))));

        assertThat(registry.find(loserId).orElseThrow().state()).isEqualTo(ConnectionState.AUTHENTICATED);
    }

    private interface Claim {
        void send(String connectionId, String finalId) throws ConnectionRejectedException;
    }

    /** Two connections claim one final id at the same instant; returns the loser. */
    private String race(Claim claim) throws Exception {
        String first = authenticated("race-a");
        String second = authenticated("race-b");
        String contested = Lifecycles.newId("contested");

        var outcomes = Race.run(() -> claimed(claim, first, contested), () -> claimed(claim, second, contested));

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
        return loserId;
    }

    private String authenticated(String prefix) throws ConnectionRejectedException {
        String id = Lifecycles.newId(prefix);
        commands.send(new OpenConnection(id, "node-a"));
        commands.send(new AuthenticateConnection(id, "carol", Lifecycles.TOKEN_EXPIRY));
        return id;
    }

    private static Boolean claimed(Claim claim, String id, String finalId) throws ConnectionRejectedException {
        claim.send(id, finalId);
        return true;
    }
}
