package dev.switchboard.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.command.feed.AgentEvents;
import dev.switchboard.command.feed.IdempotencyKeyReusedException;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.query.feed.FeedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-user feed on a real PostgreSQL, with a second node in the same JVM: each node has its own Axon stack and
 * in-process locks, so only the event table's unique key keeps two nodes from handing out the same seq.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // so the second node can be started from this node's environment
class AgentFeedIT extends PostgresIntegrationTest {

    private static final Map<String, Object> DATA = Map.of("text", "looking it up");

    @Autowired
    AgentEvents nodeA;

    @Autowired
    FeedLog feed;

    @Autowired
    JdbcTemplate jdbc;

    private ConfigurableApplicationContext nodeB;

    @BeforeAll
    void startSecondNode() {
        nodeB = Nodes.start();
    }

    @AfterAll
    void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aUsersEventsAreNumberedFromOneAndReadBackAfterAGivenSeq() {
        String user = newUser();
        List<Long> seqs = new ArrayList<>();
        for (String event :
                List.of("agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed")) {
            seqs.add(nodeA.append(user, "run-1", event, DATA, null).seq());
        }

        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(feed.page(user, 2, 100))
                .extracting(AgentEventPublished::seq, AgentEventPublished::event)
                .containsExactly(
                        tuple(3L, "tool_executing"), tuple(4L, "tool_completed"), tuple(5L, "agent_completed"));
        assertThat(feed.head(user)).isEqualTo(5);
    }

    @Test
    void concurrentPublishesOnTwoNodesForOneUserTakeEverySeqExactlyOnce() throws Exception {
        String user = newUser();
        int threads = 4;
        int perThread = 25;
        var start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long began = System.nanoTime();
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AgentEvents node = t % 2 == 0 ? nodeA : nodeB.getBean(AgentEvents.class);
                String runId = "run-" + t;
                results.add(pool.submit(publishAfter(start, node, user, runId, perThread)));
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                List<Long> ofOneThread = result.get(60, TimeUnit.SECONDS);
                assertThat(ofOneThread)
                        .as("one thread's publishes, in the order it made them")
                        .isSorted();
                seqs.addAll(ofOneThread);
            }
            System.out.printf(
                    "%d concurrent publishes on two nodes took %d ms%n",
                    threads * perThread, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));

            long[] everySeq = LongStream.rangeClosed(1, threads * perThread).toArray();
            assertThat(seqs)
                    .containsExactlyInAnyOrder(LongStream.of(everySeq).boxed().toArray(Long[]::new));
            var stored = feed.page(user, 0, 1_000);
            assertThat(stored)
                    .extracting(AgentEventPublished::seq)
                    .containsExactly(LongStream.of(everySeq).boxed().toArray(Long[]::new));
            assertThat(stored).extracting(AgentEventPublished::idempotencyKey).doesNotHaveDuplicates();
            assertThat(feed.head(user)).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Both first publishes race on creating the stream; Axon reports the loser differently from a later conflict. */
    @RepeatedTest(5)
    void twoNodesPublishingAUsersFirstEventAtOnceTakeSeqsOneAndTwo() throws Exception {
        String user = newUser();
        var start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var onA = pool.submit(publishAfter(start, nodeA, user, "run-a", 1));
            var onB = pool.submit(publishAfter(start, nodeB.getBean(AgentEvents.class), user, "run-b", 1));
            List<Long> seqs = new ArrayList<>(onA.get(30, TimeUnit.SECONDS));
            seqs.addAll(onB.get(30, TimeUnit.SECONDS));

            assertThat(seqs).containsExactlyInAnyOrder(1L, 2L);
            assertThat(feed.page(user, 0, 1_000))
                    .extracting(AgentEventPublished::seq)
                    .containsExactly(1L, 2L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEventPublishedTwiceWithTheSameIdempotencyKeyIsStoredOnce() {
        String user = newUser();
        var first = nodeA.append(user, "run-1", "agent_started", DATA, "publish-1");
        var again = nodeB.getBean(AgentEvents.class).append(user, "run-1", "agent_started", DATA, "publish-1");

        assertThat(again).isEqualTo(first);
        assertThat(feed.page(user, 0, 1_000)).containsExactly(first);
        assertThat(feed.head(user)).isEqualTo(1);
    }

    /**
     * Retention moved the event a key stands for to the archive (each feed's newest event stays) and kept the key: a
     * publisher's retry gets the earlier seq and appends nothing; another body under the key is still refused.
     */
    @Test
    void aRetryWhoseEventWasArchivedGetsItsSeqAndAppendsNothing() {
        String user = newUser();
        var first = nodeA.append(user, "run-1", "agent_started", DATA, "publish-archived");
        nodeA.append(user, "run-1", "agent_thinking", DATA, null);
        jdbc.update(
                "DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                FeedIds.of(user));
        AgentEvents onB = nodeB.getBean(AgentEvents.class);

        assertThat(onB.append(user, "run-1", "agent_started", DATA, "publish-archived")
                        .seq())
                .isEqualTo(first.seq());
        assertThat(feed.head(user)).isEqualTo(2);
        assertThatThrownBy(() -> onB.append(user, "run-1", "agent_completed", DATA, "publish-archived"))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(feed.head(user)).isEqualTo(2);
    }

    @Test
    void aUserWithNoEventsHasHeadZeroAndNothingToReplay() {
        String user = newUser();

        assertThat(feed.head(user)).isZero();
        assertThat(feed.page(user, 0, 1_000)).isEmpty();
    }

    private static Callable<List<Long>> publishAfter(
            CyclicBarrier start, AgentEvents node, String user, String runId, int count) {
        return () -> {
            start.await(10, TimeUnit.SECONDS);
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                seqs.add(node.append(user, runId, "agent_thinking", DATA, runId + "-" + i)
                        .seq());
            }
            return seqs;
        };
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }
}
