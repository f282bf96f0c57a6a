package dev.switchboard.gateway.feed;

import static dev.switchboard.gateway.feed.ListeningNode.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.feed.AgentEvents;
import dev.switchboard.gateway.cluster.AnnouncementListener;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events published on this node reach a socket on a second node through the database's notifications. That node's
 * periodic catch-up is switched off, so whatever arrives promptly arrived through its listener.
 */
class FeedListenerIT extends PostgresIntegrationTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @RegisterExtension
    static final ListeningNode nodeB = new ListeningNode();

    @Autowired
    AgentEventPublisher publisher;

    @Autowired
    AgentEvents feed;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventPublishedHereReachesASocketOnAnotherNode() {
        String user = Tokens.newUserId();
        try (TestSocket onB = TestSocket.connect(nodeB.port())) {
            onB.authenticate(Tokens.user(user));
            publish(user, 3);
            assertThat(seqs(onB, 3)).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void theListenerReconnectsWhenItsDatabaseConnectionIsKilled() {
        String user = Tokens.newUserId();
        try (TestSocket onB = TestSocket.connect(nodeB.port())) {
            onB.authenticate(Tokens.user(user));
            publish(user, 1);
            assertThat(seqs(onB, 1)).containsExactly(1L);
            int killed = nodeB.listenerBackends(jdbc).get(0);

            assertThat(jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, killed))
                    .isTrue();
            await().atMost(PROMPTLY)
                    .until(() -> nodeB.listening(jdbc)
                            && !nodeB.listenerBackends(jdbc).contains(killed));

            publish(user, 2);
            assertThat(seqs(onB, 2)).containsExactly(2L, 3L);
        }
    }

    @Test
    void anEventWhoseAnnouncementWasLostArrivesWithTheNextCatchUp() {
        String user = Tokens.newUserId();
        AnnouncementListener listenerOfB = nodeB.bean(AnnouncementListener.class);
        try (TestSocket onB = TestSocket.connect(nodeB.port())) {
            onB.authenticate(Tokens.user(user));
            listenerOfB.stop();
            await().atMost(PROMPTLY).until(() -> nodeB.listenerBackends(jdbc).isEmpty());
            feed.append(user, "run-silent", "agent_thinking", Map.of(), null); // announced while B was not listening

            assertThat(nodeB.bean(CatchUpSweep.class).sweep()).isPositive();

            assertThat(seqs(onB, 1)).containsExactly(1L);
            listenerOfB.start();
            await().atMost(PROMPTLY).until(() -> nodeB.listening(jdbc));
            publish(user, 1);
            assertThat(seqs(onB, 1)).containsExactly(2L);
        }
    }

    /**
     * More events than one catch-up read takes per user, announced at once (one transaction) and then found by a sweep
     * after a lost announcement: the socket reads the rest through its backlog, in order, each once.
     */
    @Test
    void aSocketFarBehindGetsEveryEventInOrderFromOneAnnouncementAndFromOneSweep() {
        String user = Tokens.newUserId();
        AnnouncementListener listenerOfB = nodeB.bean(AnnouncementListener.class);
        try (TestSocket onB = TestSocket.connect(nodeB.port())) {
            onB.authenticate(Tokens.user(user));
            feed.appendAll(events(user, 150));
            assertThat(seqs(onB, 150)).containsExactlyElementsOf(range(1, 150));

            listenerOfB.stop();
            await().atMost(PROMPTLY).until(() -> nodeB.listenerBackends(jdbc).isEmpty());
            feed.appendAll(events(user, 150));
            nodeB.bean(CatchUpSweep.class).sweep();
            assertThat(seqs(onB, 150)).containsExactlyElementsOf(range(151, 300));
            listenerOfB.start();
            await().atMost(PROMPTLY).until(() -> nodeB.listening(jdbc));
        }
    }

    private static List<PublishAgentEvent> events(String user, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new PublishAgentEvent(user, "run-far-behind", "agent_thinking", Map.of("step", i), null))
                .toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private void publish(String user, int count) {
        for (int i = 0; i < count; i++) {
            publisher.publish(user, "run-cross-node", "agent_thinking", Map.of("step", i));
        }
    }
}
