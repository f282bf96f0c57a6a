package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.axonframework.serialization.SerializationException;
import org.junit.jupiter.api.Test;

/** Many publishers at once on one node, on a real PostgreSQL: they share commits, and each gets its own seq. */
class GroupCommitIT {

    private static final int THREADS = 32;
    private static final int USERS = 16;
    private static final int PER_THREAD = 100;

    @Test
    void concurrentPublishersShareCommitsAndEveryUserIsNumberedWithoutGapsInPublishOrder() throws Exception {
        List<List<AgentEventPublished>> transactions = new CopyOnWriteArrayList<>();
        List<String> users = IntStream.range(0, USERS)
                .mapToObj(n -> "user-" + UUID.randomUUID())
                .toList();
        Map<Integer, List<Long>> seqsByThread = new ConcurrentHashMap<>();
        long took;
        try (HikariDataSource pool = FeedDatabase.postgres().pool();
                AgentEvents node = FeedDatabase.node(pool, Clock.systemUTC(), transactions::add)) {
            ExecutorService publishers = Executors.newFixedThreadPool(THREADS);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> done = new ArrayList<>();
            long began = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(publishers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        String user = users.get(thread % USERS);
                        seqs.add(node.append(user, "run-" + thread, "agent_thinking", Map.of("i", i), thread + "-" + i)
                                .seq());
                    }
                    seqsByThread.put(thread, seqs);
                    return null;
                }));
            }
            for (Future<?> publisher : done) {
                publisher.get(120, TimeUnit.SECONDS);
            }
            took = System.nanoTime() - began;
            publishers.shutdown();
        }

        int appends = THREADS * PER_THREAD;
        System.out.printf(
                "%d appends from %d threads for %d users: %d commits, %.0f appends/s%n",
                appends, THREADS, USERS, transactions.size(), appends / (took / 1e9));
        assertThat(transactions.size()).as("commits").isLessThan(appends / 4);
        seqsByThread
                .values()
                .forEach(seqs -> assertThat(seqs).as("one publisher's seqs").isSorted());
        Map<String, List<Long>> committed = transactions.stream()
                .flatMap(List::stream)
                .collect(Collectors.groupingBy(
                        AgentEventPublished::userId,
                        Collectors.mapping(AgentEventPublished::seq, Collectors.toList())));
        long perUser = (long) appends / USERS;
        for (String user : users) {
            assertThat(committed.get(user))
                    .as("the seqs committed for one user, in commit order")
                    .containsExactly(LongStream.rangeClosed(1, perUser).boxed().toArray(Long[]::new));
        }
        transactions.forEach(transaction -> assertThat(transaction)
                .as("a transaction's events in log order")
                .isSortedAccordingTo(
                        Comparator.comparing(AgentEventPublished::userId).thenComparingLong(AgentEventPublished::seq)));
    }

    /**
     * An event whose data cannot be written as JSON, amid a burst of 300: its request is refused to its own caller as
     * it is made, before it reaches the writer; every other one is committed, and its user's seqs have no gap where
     * the refused event was.
     */
    @Test
    void anUnserializableEventFailsOnlyItsOwnRequest() throws Exception {
        String user = "user-" + UUID.randomUUID();
        Object unserializable = new Object() {
            @SuppressWarnings("unused")
            public String getValue() {
                throw new IllegalStateException("this value cannot be written");
            }
        };
        List<CompletableFuture<List<AgentEventPublished>>> answers = new ArrayList<>();
        try (HikariDataSource pool = FeedDatabase.postgres().pool();
                FeedWriter writer = FeedDatabase.writer(pool, appended -> {}, 1_000, Duration.ofMinutes(1))) {
            for (int i = 0; i < 300; i++) {
                Map<String, Object> data = i == 150 ? Map.of("bad", unserializable) : Map.of("i", i);
                var event = new PublishAgentEvent(user, "run-1", "agent_thinking", data, null);
                if (i == 150) {
                    assertThatThrownBy(() -> FeedDatabase.request(List.of(event)))
                            .isInstanceOf(SerializationException.class)
                            .hasMessageContaining("cannot be written as JSON");
                } else {
                    answers.add(writer.submit(FeedDatabase.request(List.of(event))));
                }
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }

        assertThat(answers.stream().map(answer -> answer.join().get(0).seq()))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 299).boxed().toList());
        assertThat(answers.stream().map(answer -> answer.join().get(0).data()))
                .as("each event's own data, the refused one's left out")
                .startsWith(Map.of("i", 0))
                .contains(Map.of("i", 149), Map.of("i", 151));
    }

    /** Publishers that do not wait for each other (a backlog, as under a burst) are written in batches of the most. */
    @Test
    void aBacklogIsWrittenInBatchesOfTheMaximumSize() throws Exception {
        int appends = 20_000;
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        List<CompletableFuture<List<AgentEventPublished>>> answers = new ArrayList<>();
        long took;
        try (HikariDataSource pool = FeedDatabase.postgres().pool();
                FeedWriter writer = FeedDatabase.writer(
                        pool, appended -> batchSizes.add(appended.size()), 1_000, Duration.ofMinutes(1))) {
            long began = System.nanoTime();
            for (int i = 0; i < appends; i++) {
                var event = new PublishAgentEvent("user-" + (i % 100), "run-1", "agent_thinking", Map.of(), "k" + i);
                answers.add(writer.submit(FeedDatabase.request(List.of(event))));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            took = System.nanoTime() - began;
        }

        System.out.printf(
                "%d queued appends for 100 users: %d commits, %.0f appends/s%n",
                appends, batchSizes.size(), appends / (took / 1e9));
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(1_000));
        assertThat(batchSizes.size()).isLessThan(appends / 1_000 * 2);
    }
}
