package dev.switchboard.gateway.audit;

import static dev.switchboard.api.connection.ConnectionState.AUTHENTICATED;
import static dev.switchboard.api.connection.ConnectionState.OPENED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.timeline.Delivery;
import dev.switchboard.audit.timeline.LogBound;
import dev.switchboard.audit.timeline.LogWindow;
import dev.switchboard.audit.timeline.Timeline;
import dev.switchboard.audit.timeline.TimelineStep;
import dev.switchboard.audit.timeline.Timelines;
import dev.switchboard.audit.timeline.UserStreams;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.feed.AgentEventPublisher;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A user's timeline: all their connections interleaved with their agent events, and for each agent event the
 * connections it was delivered to (READY then) and held for (not ready yet: they get it on ready or resume).
 */
class TimelineUserIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionCommands commands;

    @Autowired
    AgentEventPublisher publisher;

    @Autowired
    Timelines timelines;

    @Autowired
    EventLog eventLog;

    String user;
    String ready;
    String authenticated;
    String opened;
    String othersReady;

    /** One connection READY, one AUTHENTICATED, one only OPENED, and another user's, when the first event comes. */
    @BeforeEach
    void connectionsInEveryState() throws Exception {
        user = Tokens.newUserId();
        ready = readyConnection(user, "node-a");
        authenticated = newId();
        commands.send(new OpenConnection(authenticated, "node-b"));
        commands.send(new AuthenticateConnection(authenticated, user, TimelineRaceIT.EXPIRY));
        opened = newId();
        commands.send(new OpenConnection(opened, "node-a"));
        othersReady = readyConnection(Tokens.newUserId(), "node-a");
    }

    @Test
    void anAgentEventIsDeliveredToTheReadyConnectionsAndHeldForTheOthers() throws Exception {
        publisher.publish(user, "run-1", "agent_started", Map.of());
        commands.send(new AuthenticateConnection(opened, user, TimelineRaceIT.EXPIRY));
        commands.send(new MigrateConnectionId(authenticated, authenticated + "-final"));
        commands.send(new MarkConnectionReady(authenticated));
        commands.send(new CloseConnection(ready, CloseReason.CLIENT_CLOSED, null, "node-a"));
        publisher.publish(user, "run-1", "agent_thinking", Map.of());

        Timeline timeline = timelines.ofUser(user, LogWindow.ALL);

        assertThat(timeline.steps().stream()
                        .map(TimelineStep::delivery)
                        .filter(d -> d != null)
                        .toList())
                .extracting(Delivery::seq, Delivery::event, Delivery::deliveredTo, Delivery::heldFor)
                .containsExactly(
                        tuple(1L, "agent_started", List.of(ready), List.of(authenticated, opened)),
                        tuple(2L, "agent_thinking", List.of(authenticated), List.of(opened)));
        assertThat(timeline.streams())
                .containsExactlyInAnyOrder(
                        ready, ready + "-final", authenticated, authenticated + "-final", opened, FeedIds.of(user));
        assertThat(timeline.steps())
                .extracting(TimelineStep::position)
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(timeline.steps())
                .hasSize(eventLog.ofStreams(timeline.streams()).size());
        assertThat(timeline.steps()).extracting(TimelineStep::connectionId).doesNotContain(othersReady);
        assertThat(new Timelines(eventLog, UserStreams.logScan(eventLog))
                        .ofUser(user, LogWindow.ALL)
                        .steps())
                .as("finding the connections by scanning the log gives the same timeline")
                .isEqualTo(timeline.steps());
    }

    @Test
    void aWindowFromAPositionOrATimeStartsThereWithTheStatesTheEarlierEventsLeft() throws Exception {
        publisher.publish(user, "run-1", "agent_started", Map.of());
        commands.send(new AuthenticateConnection(opened, user, TimelineRaceIT.EXPIRY));
        TimelineStep publish = timelines.ofUser(user, LogWindow.ALL).steps().stream()
                .filter(step -> step.delivery() != null)
                .findFirst()
                .orElseThrow();

        Timeline byPosition = timelines.ofUser(user, new LogWindow(LogBound.position(publish.position()), null));
        Timeline byTime = timelines.ofUser(user, new LogWindow(LogBound.time(publish.timestamp()), null));

        assertThat(byPosition.steps())
                .extracting(TimelineStep::type)
                .containsExactly("AgentEventPublished", "ConnectionAuthenticated");
        assertThat(byPosition.steps().get(0).delivery().heldFor()).containsExactly(authenticated, opened);
        TimelineStep authentication = byPosition.steps().get(1);
        assertThat(authentication.before().state()).isEqualTo(OPENED);
        assertThat(authentication.after().state()).isEqualTo(AUTHENTICATED);
        assertThat(authentication.registryRow().nodeId()).isEqualTo("node-a");
        assertThat(byTime.steps())
                .as("a time bound resolves to the same position here, one node's clock")
                .isEqualTo(byPosition.steps());
    }

    private String readyConnection(String userId, String node) throws ConnectionRejectedException {
        String id = newId();
        commands.send(new OpenConnection(id, node));
        commands.send(new AuthenticateConnection(id, userId, TimelineRaceIT.EXPIRY));
        commands.send(new MigrateConnectionId(id, id + "-final"));
        commands.send(new MarkConnectionReady(id));
        return id;
    }

    private static String newId() {
        return "user-timeline-" + UUID.randomUUID();
    }
}
