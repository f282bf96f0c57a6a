package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two writers with their own caches) on one database: a node whose cached head is stale meets the event
 * table's unique key, and only the user it was stale about is planned again. Run on PostgreSQL and on H2 by the
 * subclasses.
 */
abstract class TwoNodesTests {

    private static final Map<String, Object> DATA = Map.of("text", "looking it up");

    private final List<List<AgentEventPublished>> transactionsOfA = new CopyOnWriteArrayList<>();
    private HikariDataSource pool;
    private RecordingDataSource recorded;
    private AgentEvents nodeA;
    private AgentEvents nodeB;

    abstract FeedDatabase database();

    @BeforeEach
    void startTwoNodes() {
        pool = database().pool();
        recorded = new RecordingDataSource(pool);
        nodeA = FeedDatabase.node(recorded.dataSource(), Clock.systemUTC(), transactionsOfA::add);
        nodeB = FeedDatabase.node(pool, Clock.systemUTC(), FeedCommitListener.NONE);
    }

    @AfterEach
    void stopThem() throws InterruptedException {
        nodeA.close();
        nodeB.close();
        pool.close();
    }

    @Test
    void aUserAnotherNodeAppendedToIsRetriedAloneWhileItsBatchNeighboursKeepTheirSeqs() {
        String stale = newUser();
        String before = "a-" + newUser();
        String after = "z-" + newUser();
        for (String user : List.of(stale, before, after)) {
            nodeA.append(user, "run-1", "agent_started", DATA, null); // A caches each head at 1
        }
        nodeB.append(stale, "run-1", "agent_thinking", DATA, null);
        nodeB.append(stale, "run-1", "agent_thinking", DATA, null); // A's head of it is now 2 behind
        recorded.clear();
        transactionsOfA.clear();

        List<AgentEventPublished> stored = nodeA.appendAll(List.of(
                publish(before, "k-before"), publish(stale, "k-stale"), publish(after, null), publish(stale, null)));

        assertThat(stored)
                .extracting(AgentEventPublished::seq)
                .as("before, stale, after, stale")
                .containsExactly(2L, 4L, 2L, 5L);
        assertThat(transactionsOfA).as("one commit").hasSize(1);
        assertThat(transactionsOfA.get(0)).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(recorded.statements())
                .as("the batch, then each user behind a savepoint; only the stale user read its head and keys again")
                .filteredOn(sql -> sql.contains("MAX(sequence_number)") || sql.contains("JOIN"))
                .hasSize(2);
    }

    @Test
    void aKeyAnotherNodeStoredMeanwhileIsAnsweredWithThatNodesEvent() {
        String user = newUser();
        nodeA.append(user, "run-1", "agent_started", DATA, null);
        AgentEventPublished onB = nodeB.append(user, "run-1", "agent_thinking", DATA, "publish-1");

        AgentEventPublished onA = nodeA.append(user, "run-1", "agent_thinking", DATA, "publish-1");

        assertThat(onA).isEqualTo(onB);
        assertThat(nodeA.append(user, "run-1", "agent_completed", DATA, null).seq())
                .isEqualTo(3);
    }

    @Test
    void concurrentPublishesOnTwoNodesForTheSameUsersTakeEverySeqExactlyOnce() throws Exception {
        List<String> users = List.of(newUser(), newUser(), newUser(), newUser());
        int threads = 8;
        int perThread = 40;
        ExecutorService publishers = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<List<AgentEventPublished>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            AgentEvents node = t % 2 == 0 ? nodeA : nodeB;
            String runId = "run-" + t;
            results.add(publishers.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                List<AgentEventPublished> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(node.append(users.get(i % users.size()), runId, "agent_thinking", DATA, runId + "-" + i));
                }
                return mine;
            }));
        }
        List<AgentEventPublished> all = new ArrayList<>();
        for (Future<List<AgentEventPublished>> result : results) {
            all.addAll(result.get(60, TimeUnit.SECONDS));
        }
        publishers.shutdown();

        long perUser = (long) threads * perThread / users.size();
        for (String user : users) {
            assertThat(all)
                    .filteredOn(event -> event.userId().equals(user))
                    .extracting(AgentEventPublished::seq)
                    .containsExactlyInAnyOrder(
                            LongStream.rangeClosed(1, perUser).boxed().toArray(Long[]::new));
        }
    }

    private static PublishAgentEvent publish(String user, String key) {
        return new PublishAgentEvent(user, "run-1", "agent_thinking", DATA, key);
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }
}
