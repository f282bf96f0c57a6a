package dev.switchboard.gateway.feed;

import static dev.switchboard.gateway.feed.ListeningNode.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.feed.AgentEvents;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A burst of events of many users appended in one transaction is announced to the other nodes once, with each user's
 * new head, and a second node's sockets of those users read all of it from the log. The test listens on the channel
 * itself, on a connection of its own.
 */
class OneAnnouncementPerTransactionIT extends PostgresIntegrationTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final int USERS = 20;
    private static final int EVENTS_EACH = 10;

    @RegisterExtension
    static final ListeningNode nodeB = new ListeningNode();

    @Autowired
    AgentEvents feed;

    @Test
    void aTransactionOfManyUsersEventsIsOneAnnouncementAndReachesEachOfTheirSocketsOnAnotherNode() throws Exception {
        List<String> users =
                LongStream.range(0, USERS).mapToObj(i -> Tokens.newUserId()).toList();
        List<TestSocket> onB = new ArrayList<>();
        try (Connection listening = TestDatabase.shared().connect()) {
            for (String user : users) {
                onB.add(TestSocket.connect(nodeB.port()));
                onB.get(onB.size() - 1).authenticate(Tokens.user(user));
            }
            try (Statement listen = listening.createStatement()) {
                listen.execute("LISTEN " + FeedNotifications.CHANNEL);
            }
            List<PublishAgentEvent> burst = new ArrayList<>();
            for (int n = 0; n < USERS * EVENTS_EACH; n++) {
                burst.add(new PublishAgentEvent(users.get(n % USERS), "run-burst", "agent_thinking", Map.of(), null));
            }

            feed.appendAll(burst);
            String marker = Tokens.newUserId();
            feed.append(marker, "run-marker", "agent_started", Map.of(), null);

            assertThat(announcementsUntil(listening, marker).stream()
                            .filter(heads -> !Collections.disjoint(heads.keySet(), users)))
                    .as("announcements that name the burst's users")
                    .containsExactly(
                            users.stream().collect(Collectors.toMap(Function.identity(), user -> (long) EVENTS_EACH)));
            List<Long> everySeq = LongStream.rangeClosed(1, EVENTS_EACH).boxed().toList();
            for (TestSocket socket : onB) {
                assertThat(seqs(socket, EVENTS_EACH)).containsExactlyElementsOf(everySeq);
            }
        } finally {
            onB.forEach(TestSocket::close);
        }
    }

    /**
     * Every announcement heard up to the one that names {@code marker}, the user of a later transaction: this node
     * announces in commit order, and PostgreSQL delivers notifications in commit order, so every earlier one is here.
     */
    private static List<Map<String, Long>> announcementsUntil(Connection listening, String marker) throws SQLException {
        PGConnection notifications = listening.unwrap(PGConnection.class);
        List<Map<String, Long>> heard = new ArrayList<>();
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (heard.stream().noneMatch(heads -> heads.containsKey(marker))) {
            assertThat(System.nanoTime())
                    .as("the marker's announcement in time")
                    .isLessThan(deadline);
            PGNotification[] batch = notifications.getNotifications(100);
            for (PGNotification notification : batch == null ? new PGNotification[0] : batch) {
                heard.add(HeadsPayload.decode(notification.getParameter()));
            }
        }
        return heard;
    }
}
