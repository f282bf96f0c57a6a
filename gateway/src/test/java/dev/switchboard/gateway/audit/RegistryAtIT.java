package dev.switchboard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.timeline.RegistryAt;
import dev.switchboard.audit.timeline.RegistryCheckpointer;
import dev.switchboard.audit.timeline.RegistryCheckpoints;
import dev.switchboard.audit.timeline.RegistryRow;
import dev.switchboard.audit.timeline.RegistrySnapshot;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The registry replayed as of a position is exactly what the live registry showed at that position: recorded after
 * every command of a script of lifecycles, refusals included, then replayed.
 */
class RegistryAtIT extends PostgresIntegrationTest {

    /** What must agree; the live table keeps timestamps in microseconds, so they are compared through the states. */
    record Row(
            String connectionId,
            String userId,
            String nodeId,
            ConnectionState state,
            CloseReason closeReason,
            long lastPosition) {

        static Row of(ConnectionView view) {
            return new Row(
                    view.connectionId(),
                    view.userId(),
                    view.nodeId(),
                    view.state(),
                    view.closeReason(),
                    view.lastPosition());
        }

        static Row of(RegistryRow row) {
            return new Row(
                    row.connectionId(), row.userId(), row.nodeId(), row.state(), row.closeReason(), row.lastPosition());
        }
    }

    record Moment(long position, Map<String, Row> rows) {}

    @Autowired
    ConnectionCommands commands;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    RegistryAt registryAt;

    @Autowired
    EventLog eventLog;

    @Autowired
    RegistryCheckpoints checkpoints;

    @Test
    void theRegistryAtEveryPositionIsWhatTheLiveRegistryShowedThen() {
        String a = newId();
        String b = newId();
        String c = newId();
        String d = newId();
        String ann = Tokens.newUserId();
        String bob = Tokens.newUserId();
        List<ConnectionCommand> script = List.of(
                new OpenConnection(a, "node-a"),
                new OpenConnection(b, "node-b"),
                new AuthenticateConnection(a, ann, TimelineRaceIT.EXPIRY),
                new AuthenticateConnection(b, bob, TimelineRaceIT.EXPIRY),
                new MigrateConnectionId(a, a + "-final"),
                new OpenConnection(c, "node-a"),
                new MarkConnectionReady(a),
                new MigrateConnectionId(b, a + "-final"),
                new MigrateConnectionId(b, b + "-final"),
                new CloseConnection(c, CloseReason.AUTH_TIMEOUT, null, "node-a"),
                new MarkConnectionReady(b),
                new CloseConnection(a, CloseReason.CLIENT_CLOSED, null, "node-a"),
                new OpenConnection(d, "node-b"),
                new AuthenticateConnection(d, ann, TimelineRaceIT.EXPIRY),
                new CloseConnection(b, CloseReason.NODE_LOST, "lease expired", "node-a"),
                new MarkConnectionReady(d),
                new MigrateConnectionId(d, d + "-final"),
                new MarkConnectionReady(d));
        List<String> ids = List.of(a, b, c, d);
        List<Moment> moments = new ArrayList<>();
        for (ConnectionCommand command : script) {
            try {
                commands.send(command);
            } catch (ConnectionRejectedException expected) {
                // the script's refused migration and early ready: their events are part of the log to replay
            }
            moments.add(new Moment(eventLog.head(), live(ids)));
        }

        assertEveryMoment(moments, ids);
        // and again from checkpoints a few positions apart, as a node makes them (every 10,000 by default:
        // SWITCHBOARD_CHECKPOINTS_EVERY)
        new RegistryCheckpointer(eventLog, checkpoints, 3).extend(eventLog.head(), Integer.MAX_VALUE);
        assertEveryMoment(moments, ids);
        assertThat(replayed(registryAt.atTime(Instant.now()), ids))
                .isEqualTo(moments.get(moments.size() - 1).rows());
        assertThat(moments.get(moments.size() - 1).rows().get(d).state()).isEqualTo(ConnectionState.READY);
    }

    private void assertEveryMoment(List<Moment> moments, List<String> ids) {
        for (Moment moment : moments) {
            assertThat(replayed(registryAt.at(moment.position()), ids))
                    .as("at position %d", moment.position())
                    .isEqualTo(moment.rows());
        }
    }

    private Map<String, Row> live(List<String> ids) {
        Map<String, Row> rows = new LinkedHashMap<>();
        ids.forEach(id -> registry.find(id).ifPresent(view -> rows.put(id, Row.of(view))));
        return rows;
    }

    private static Map<String, Row> replayed(RegistrySnapshot snapshot, List<String> ids) {
        Map<String, Row> rows = new LinkedHashMap<>();
        ids.forEach(id -> snapshot.find(id).ifPresent(row -> rows.put(id, Row.of(row))));
        return rows;
    }

    private static String newId() {
        return "registry-at-" + UUID.randomUUID();
    }
}
