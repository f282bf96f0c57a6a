package dev.switchboard.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.command.feed.AgentEvents;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events published on this node reach a socket on a second node through the database's notifications. That node's
 * periodic catch-up is switched off, so whatever arrives promptly arrived through its listener.
 */
class FeedListenerIT extends PostgresIntegrationTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static ConfigurableApplicationContext nodeB;

    @Autowired
    AgentEventPublisher publisher;

    @Autowired
    AgentEvents feed;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startSecondNode() {
        nodeB = Nodes.node()
                .properties("switchboard.cluster.catch-up-interval=1h")
                .run();
    }

    @AfterAll
    static void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void anEventPublishedHereReachesASocketOnAnotherNode() {
        String user = Tokens.newUserId();
        try (TestSocket onB = TestSocket.connect(portOfB())) {
            onB.authenticate(Tokens.user(user));
            publish(user, 3);
            assertThat(seqs(onB, 3)).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void theListenerReconnectsWhenItsDatabaseConnectionIsKilled() {
        String user = Tokens.newUserId();
        try (TestSocket onB = TestSocket.connect(portOfB())) {
            onB.authenticate(Tokens.user(user));
            publish(user, 1);
            assertThat(seqs(onB, 1)).containsExactly(1L);
            int killed = listenerBackend();

            assertThat(jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, killed))
                    .isTrue();
            await().atMost(PROMPTLY).until(() -> listening() && listenerBackend() != killed);

            publish(user, 2);
            assertThat(seqs(onB, 2)).containsExactly(2L, 3L);
        }
    }

    @Test
    void anEventWhoseAnnouncementWasLostArrivesWithTheNextCatchUp() {
        String user = Tokens.newUserId();
        try (TestSocket onB = TestSocket.connect(portOfB())) {
            onB.authenticate(Tokens.user(user));
            feed.append(user, "run-silent", "agent_thinking", Map.of(), null); // appended, never announced

            assertThat(nodeB.getBean(CatchUpSweep.class).sweep()).isPositive();

            assertThat(seqs(onB, 1)).containsExactly(1L);
            publish(user, 1);
            assertThat(seqs(onB, 1)).containsExactly(2L);
        }
    }

    private void publish(String user, int count) {
        for (int i = 0; i < count; i++) {
            publisher.publish(user, "run-cross-node", "agent_thinking", Map.of("step", i));
        }
    }

    private int listenerBackend() {
        return jdbc.queryForObject(
                "SELECT pid FROM pg_stat_activity WHERE application_name = ?", Integer.class, applicationNameOfB());
    }

    private boolean listening() {
        List<String> queries = jdbc.queryForList(
                "SELECT query FROM pg_stat_activity WHERE application_name = ?", String.class, applicationNameOfB());
        return queries.size() == 1 && queries.get(0).startsWith("LISTEN");
    }

    private static String applicationNameOfB() {
        return ListenerConnections.APPLICATION_NAME_PREFIX
                + nodeB.getBean(NodeIdentity.class).id();
    }

    private static int portOfB() {
        return ((WebServerApplicationContext) nodeB).getWebServer().getPort();
    }

    private static List<Long> seqs(TestSocket socket, int count) {
        return socket.next(count).stream()
                .peek(frame -> assertThat(frame.path("type").asText())
                        .as("frame %s", frame)
                        .isEqualTo("event"))
                .map(frame -> frame.path("seq").asLong())
                .toList();
    }
}
