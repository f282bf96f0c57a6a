package dev.switchboard.gateway.audit;

import static dev.switchboard.api.connection.ConnectionState.AUTHENTICATED;
import static dev.switchboard.api.connection.ConnectionState.CLOSED;
import static dev.switchboard.api.connection.ConnectionState.OPENED;
import static dev.switchboard.api.connection.ConnectionState.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.LoggedEvent;
import dev.switchboard.audit.timeline.LogWindow;
import dev.switchboard.audit.timeline.RegistryRow;
import dev.switchboard.audit.timeline.Rejection;
import dev.switchboard.audit.timeline.Timeline;
import dev.switchboard.audit.timeline.TimelineStep;
import dev.switchboard.audit.timeline.Timelines;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A race seen in the log replays as its timeline: every step, the states it moved between, the registry after it. */
class TimelineRaceIT extends PostgresIntegrationTest {

    static final Instant EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

    @Autowired
    ConnectionCommands commands;

    @Autowired
    Timelines timelines;

    @Autowired
    EventLog eventLog;

    @Test
    void aCloseFromAnotherNodeThatBeatsTheMigrationReplaysWithTheRefusalItCaused() throws Exception {
        String id = "race-" + UUID.randomUUID();
        String user = Tokens.newUserId();
        commands.send(new OpenConnection(id, "node-a"));
        commands.send(new AuthenticateConnection(id, user, EXPIRY));
        // node-b reaps the connection while node-a's socket is about to migrate it; the close commits first
        commands.send(new CloseConnection(id, CloseReason.NODE_LOST, "lease expired", "node-b"));
        assertThatThrownBy(() -> commands.send(new MigrateConnectionId(id, id + "-final")))
                .isInstanceOfSatisfying(ConnectionRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(RejectionCode.CONNECTION_CLOSED));

        Timeline timeline = timelines.ofConnection(id).orElseThrow();

        assertThat(timeline.steps())
                .extracting(
                        TimelineStep::type,
                        TimelineStep::nodeId,
                        step -> step.before().state(),
                        step -> step.after().state(),
                        step -> step.registryRow().state(),
                        step -> step.registryRow().userId())
                .containsExactly(
                        tuple("ConnectionOpened", "node-a", null, OPENED, OPENED, null),
                        tuple("ConnectionAuthenticated", "node-a", OPENED, AUTHENTICATED, AUTHENTICATED, user),
                        tuple("ConnectionClosed", "node-b", AUTHENTICATED, CLOSED, CLOSED, user),
                        tuple("ConnectionCommandRejected", "node-a", CLOSED, CLOSED, CLOSED, user));
        assertThat(timeline.steps())
                .extracting(TimelineStep::position)
                .containsExactlyElementsOf(eventLog.ofStreams(List.of(id)).stream()
                        .map(LoggedEvent::position)
                        .toList());
        assertThat(timeline.steps().get(3).rejection())
                .isEqualTo(new Rejection(
                        "MigrateConnectionId",
                        Map.of("connectionId", id, "finalId", id + "-final"),
                        CLOSED,
                        "connection_closed",
                        "the connection is closed"));
        RegistryRow afterClose = timeline.steps().get(2).registryRow();
        assertThat(afterClose.closeReason()).isEqualTo(CloseReason.NODE_LOST);
        assertThat(afterClose.nodeId())
                .as("the row keeps the node that held the socket")
                .isEqualTo("node-a");
        assertThat(timeline.steps().get(3).registryRow())
                .as("a refusal changes no row")
                .isEqualTo(afterClose);
        assertThat(timeline.streams()).containsExactly(id);
        assertThat(timeline.kind()).isEqualTo(Timeline.Kind.CONNECTION);

        long first = timeline.steps().get(0).position();
        Timeline window = timelines.ofWindow(LogWindow.positions(first + 1, timeline.toPosition()));
        assertThat(window.steps())
                .filteredOn(step -> id.equals(step.connectionId()))
                .as("a window replays the whole log before it, so its steps match the connection's own")
                .isEqualTo(timeline.steps().subList(1, 4));
    }

    @Test
    void aTimelineByTheFinalIdHoldsTheClaimAndARefusedOpenOfThatId() throws Exception {
        String id = "race-" + UUID.randomUUID();
        String finalId = id + "-final";
        commands.send(new OpenConnection(id, "node-a"));
        commands.send(new AuthenticateConnection(id, Tokens.newUserId(), EXPIRY));
        commands.send(new MigrateConnectionId(id, finalId));
        commands.send(new MarkConnectionReady(id));
        assertThatThrownBy(() -> commands.send(new OpenConnection(finalId, "node-b")))
                .isInstanceOf(ConnectionRejectedException.class);

        Timeline byFinalId = timelines.ofConnection(finalId).orElseThrow();

        assertThat(byFinalId.steps())
                .extracting(
                        TimelineStep::type,
                        TimelineStep::streamId,
                        TimelineStep::connectionId,
                        step -> step.registryRow().state())
                .containsExactly(
                        tuple("ConnectionOpened", id, id, OPENED),
                        tuple("ConnectionAuthenticated", id, id, AUTHENTICATED),
                        tuple("ConnectionIdMigrated", id, id, AUTHENTICATED),
                        tuple("FinalIdClaimed", finalId, id, AUTHENTICATED),
                        tuple("ConnectionMarkedReady", id, id, READY),
                        tuple("ConnectionCommandRejected", finalId, id, READY));
        assertThat(byFinalId.steps().get(3).after().claimedBy()).isEqualTo(id);
        assertThat(byFinalId.steps().get(3).registryRow().connectionId()).isEqualTo(finalId);
        assertThat(byFinalId.steps().get(5).rejection().code()).isEqualTo("connection_exists");
        assertThat(byFinalId.steps().get(5).rejection().arguments()).containsEntry("nodeId", "node-b");
        assertThat(byFinalId.streams()).containsExactly(id, finalId);
        assertThat(timelines.ofConnection(id).orElseThrow().steps())
                .as("either id gives the same steps")
                .isEqualTo(byFinalId.steps());
        assertThat(timelines.ofConnection("no-such-" + id)).isEmpty();
    }
}
