package dev.switchboard.command.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RejectionCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Handshakes of different sockets on one node share commits (group commit), on a real PostgreSQL, and one socket's
 * conflict in a shared commit never fails another's handshake.
 */
class DecidedWriterIT {

    private static final Instant EXPIRY = Instant.parse("2099-01-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void concurrentHandshakesShareCommitsAndEachKeepsItsStepsInOrder() throws Exception {
        int threads = 16;
        int perThread = 25;
        String prefix = "gc-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (var node = ProductionHarness.start(Clock.systemUTC(), 4)) {
            ExecutorService callers = Executors.newFixedThreadPool(threads);
            var start = new CyclicBarrier(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(callers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < perThread; i++) {
                        node.commands().sendAll(handshake(prefix + thread + "-" + i, "user-" + thread));
                    }
                    return null;
                }));
            }
            for (Future<?> caller : done) {
                caller.get(WAIT.toSeconds() * 4, TimeUnit.SECONDS);
            }
            callers.shutdown();

            int handshakes = threads * perThread;
            var rows = node.appended();
            assertThat(rows).hasSize(handshakes * 5);
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    String id = prefix + t + "-" + i;
                    assertThat(rows.stream()
                                    .filter(row -> row.stream().equals(id))
                                    .map(row -> row.payload().getClass().getSimpleName()))
                            .containsExactly(
                                    "ConnectionOpened",
                                    "ConnectionAuthenticated",
                                    "ConnectionIdMigrated",
                                    "ConnectionMarkedReady");
                }
            }
            int commits = node.commits(prefix + "%");
            System.out.printf("%d handshakes from %d threads in %d commits%n", handshakes, threads, commits);
            assertThat(commits).as("commits").isLessThan(handshakes / 2);
        }
    }

    /**
     * The writer is held on a first handshake (the test locks the event table) while three more queue behind it, so
     * the three go into one transaction. The middle one claims a final id another connection committed before: the
     * shared transaction is refused, each handshake is appended again alone, and only the middle one is refused, its
     * refusal recorded by the aggregate. The four handshakes' ids are on distinct lock stripes: one that shared the
     * held handshake's stripe would wait for its commit instead of queueing (1 run in 16 with random ids).
     */
    @Test
    void aConflictInASharedCommitFailsOnlyTheHandshakeItBelongsTo() throws Exception {
        String prefix = prefixOnDistinctStripes();
        String taken = prefix + "taken-final";
        try (var node = ProductionHarness.start(Clock.systemUTC(), 4)) {
            node.commands().sendAll(handshake(prefix + "holder", "user-holder", taken));
            node.appended();

            List<CompletableFuture<Void>> handshakes = new ArrayList<>();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try (var lock = node.lockEventTable()) {
                handshakes.add(sendAsync(callers, node, handshake(prefix + "first", "user-1")));
                node.awaitBlockedOnLock(WAIT);
                handshakes.add(sendAsync(callers, node, handshake(prefix + "a", "user-a")));
                handshakes.add(sendAsync(callers, node, handshake(prefix + "b", "user-b", taken)));
                handshakes.add(sendAsync(callers, node, handshake(prefix + "c", "user-c")));
                node.awaitQueuedGroups(3, WAIT);
            }

            callers.shutdown();
            handshakes.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            handshakes.get(1).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            handshakes.get(3).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThatThrownBy(() -> handshakes.get(2).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConnectionRejectedException.class)
                    .cause()
                    .satisfies(e -> assertThat(((ConnectionRejectedException) e).code())
                            .isEqualTo(RejectionCode.FINAL_ID_TAKEN));

            var rows = node.appended();
            for (String ready : List.of("first", "a", "c")) {
                assertThat(rows.stream().filter(row -> row.stream().equals(prefix + ready)))
                        .as(ready)
                        .extracting(row -> row.payload().getClass().getSimpleName())
                        .endsWith("ConnectionMarkedReady");
            }
            assertThat(rows.stream().filter(row -> row.stream().equals(prefix + "b")))
                    .extracting(row -> row.payload().getClass().getSimpleName())
                    .containsExactly("ConnectionOpened", "ConnectionAuthenticated", "ConnectionCommandRejected");
            assertThat(rows.stream()
                            .map(ProductionHarness.Row::payload)
                            .filter(ConnectionCommandRejected.class::isInstance)
                            .map(e -> ((ConnectionCommandRejected) e).code()))
                    .containsExactly(RejectionCode.FINAL_ID_TAKEN);
        }
    }

    /** A fresh prefix under which the conflict test's handshakes take no {@link ConnectionLocks} stripe twice. */
    private static String prefixOnDistinctStripes() {
        while (true) {
            String prefix = "gc-conflict-" + UUID.randomUUID().toString().substring(0, 8) + "-";
            var ids = List.of("first", "first-final", "a", "a-final", "b", "taken-final", "c", "c-final");
            long stripes = ids.stream()
                    .map(id -> ConnectionLocks.stripe(prefix + id))
                    .distinct()
                    .count();
            if (stripes == ids.size()) {
                return prefix;
            }
        }
    }

    private static CompletableFuture<Void> sendAsync(
            ExecutorService callers, ProductionHarness node, List<ConnectionCommand> group) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        node.commands().sendAll(group);
                    } catch (ConnectionRejectedException e) {
                        throw new CompletionException(e);
                    }
                },
                callers);
    }

    private static List<ConnectionCommand> handshake(String id, String user) {
        return handshake(id, user, id + "-final");
    }

    private static List<ConnectionCommand> handshake(String id, String user, String finalId) {
        return List.of(
                new OpenConnection(id, "node-a"),
                new AuthenticateConnection(id, user, EXPIRY),
                new MigrateConnectionId(id, finalId),
                new MarkConnectionReady(id));
    }
}
