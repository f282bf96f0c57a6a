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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The registry at a position answered from the nearest checkpoint is the registry replayed from the beginning of the
 * log, at every position of a log of interleaved lifecycles (refusals, token refreshes and connections left open
 * included): right at each checkpoint, just before and just after it, and between, for every state filter. The
 * checkpoints are made as a node makes them, each from the one before it, a few positions apart so that most
 * connections span several.
 */
class RegistryCheckpointsIT extends PostgresIntegrationTest {

    private static final int CONNECTIONS = 40;

    @Autowired
    ConnectionCommands commands;

    @Autowired
    EventLog eventLog;

    @Autowired
    DataSource dataSource;

    @Test
    void theRegistryFromTheNearestCheckpointIsTheRegistryReplayedFromTheBeginningAtEveryPosition() {
        long before = eventLog.head();
        Set<String> ids = runInterleavedLifecycles();
        long head = eventLog.head();
        // full copies three checkpoints apart, so that the answer comes from several, each brought forward
        var checkpoints = new RegistryCheckpoints(dataSource, 3);
        assertThat(new RegistryCheckpointer(eventLog, checkpoints, 7).extend(head, Integer.MAX_VALUE))
                .isPositive();

        RegistryAt fromTheBeginning = new RegistryAt(eventLog);
        RegistryAt fromCheckpoints = new RegistryAt(eventLog, checkpoints);
        for (long position = before; position <= head + 1; position++) {
            // Replayed from the beginning once per position (the suite's shared log is long); a state's answer is
            // the whole registry's rows in that state.
            List<RegistryRow> replayed = ours(fromTheBeginning.at(position, RegistryAt.ALL), ids);
            for (ConnectionState state : states()) {
                assertThat(ours(fromCheckpoints.at(position, state), ids))
                        .as("at position %d, state %s", position, state)
                        .isEqualTo(inState(replayed, state));
            }
            assertThat(ours(fromCheckpoints.at(position, RegistryAt.LIVE), ids))
                    .as("at position %d, the live connections", position)
                    .isEqualTo(replayed.stream()
                            .filter(row -> row.state() != ConnectionState.CLOSED)
                            .toList());
        }
        assertThat(ours(fromCheckpoints.at(head), ids)).hasSize(CONNECTIONS);
    }

    /** Opens, authenticates, migrates, readies and closes connections in a shuffled interleaving; some stay open. */
    private Set<String> runInterleavedLifecycles() {
        Random random = new Random(14);
        List<List<ConnectionCommand>> lifecycles = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            String id = "checkpoint-" + UUID.randomUUID();
            ids.add(id);
            String user = Tokens.newUserId();
            List<ConnectionCommand> steps = new ArrayList<>(List.of(
                    new OpenConnection(id, "node-" + (i % 3)),
                    new AuthenticateConnection(id, user, TimelineRaceIT.EXPIRY),
                    new MarkConnectionReady(id), // refused: not migrated yet
                    new MigrateConnectionId(id, id + "-final"),
                    new MarkConnectionReady(id),
                    new AuthenticateConnection(id, user, TimelineRaceIT.EXPIRY.plusSeconds(60))));
            if (i % 5 != 0) {
                steps.add(new CloseConnection(id, CloseReason.values()[i % CloseReason.values().length], null, "n"));
            }
            lifecycles.add(steps.subList(0, i % 7 == 3 ? 2 : steps.size()));
        }
        List<Integer> cursors = new ArrayList<>(Collections.nCopies(CONNECTIONS, 0));
        int remaining = lifecycles.stream().mapToInt(List::size).sum();
        while (remaining > 0) {
            int next = random.nextInt(CONNECTIONS);
            int step = cursors.get(next);
            if (step < lifecycles.get(next).size()) {
                send(lifecycles.get(next).get(step));
                cursors.set(next, step + 1);
                remaining--;
            }
        }
        return ids;
    }

    private void send(ConnectionCommand command) {
        try {
            commands.send(command);
        } catch (ConnectionRejectedException expected) {
            // the early ready's refusal is part of the log to replay
        }
    }

    /** Our connections' rows, in the snapshot's order: other tests share the database. */
    private static List<RegistryRow> ours(RegistrySnapshot snapshot, Set<String> ids) {
        return snapshot.connections().stream()
                .filter(row -> ids.contains(row.preliminaryId()))
                .toList();
    }

    private static List<RegistryRow> inState(List<RegistryRow> rows, ConnectionState state) {
        return state == null
                ? rows
                : rows.stream().filter(row -> row.state() == state).toList();
    }

    private static List<ConnectionState> states() {
        return Arrays.asList(null, ConnectionState.READY, ConnectionState.CLOSED);
    }
}
