package dev.switchboard.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a node holding 200 live sockets while events keep coming: the other node reaps every ghost as
 * NODE_LOST, and every client, reconnecting there with the last seq it saw, ends with each event exactly once. The
 * pushes that keep coming go to the node that stays up, so each of them must be accepted.
 */
class NodeCrashProcessIT {

    private static final int USERS = 20;
    private static final int SOCKETS_PER_USER_ON_A = 10;

    private final ClusterDatabase database = new ClusterDatabase();
    private final Publisher publisher = new Publisher();

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aKilledNodesClientsResumeOnTheOtherNodeLosingNoEventAndItsGhostsAreReaped() throws Exception {
        ProcessNode a = ProcessNode.launch("crash-a");
        ProcessNode b = ProcessNode.launch("crash-b");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        PushLoop pushing = null;
        List<FeedClient> onA = new ArrayList<>();
        List<FeedClient> onB = new ArrayList<>();
        try {
            a.awaitReady();
            b.awaitReady();
            List<String> users =
                    IntStream.range(0, USERS).mapToObj(i -> Tokens.newUserId()).toList();
            onA.addAll(connect(pool, a, users, SOCKETS_PER_USER_ON_A));
            onB.addAll(connect(pool, b, users, 1));
            users.forEach(user -> {
                publisher.push(a, user);
                publisher.push(b, user);
            });

            pushing = PushLoop.start(publisher, b, users, Duration.ofMillis(250));
            long killed = System.nanoTime();
            a.kill();
            await("every client of A sees its socket drop")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> onA.stream().allMatch(FeedClient::dropped));
            inParallel(pool, onA, client -> client.resume(b.port()));
            System.out.printf(
                    "[crash] %d clients dropped and resumed on B %.1f s after kill -9%n", onA.size(), seconds(killed));
            await("B reaps A's ghosts")
                    .atMost(ProcessNode.LEASE_DURATION.plusSeconds(30))
                    .until(() -> database.liveOn(a.nodeId()) == 0);
            System.out.printf(
                    "[crash] no ghost of A left in the registry %.1f s after kill -9 (lease %s)%n",
                    seconds(killed), ProcessNode.LEASE_DURATION);
            long reaped = System.nanoTime();
            PushLoop during = pushing;
            await("the pushes to B go on after A's ghosts are reaped")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> during.roundStartedAfter(reaped));
            pushing.stop();
            // B stays up throughout, so the rule is simple: every push to it is accepted; none answered 503 or failed
            assertThat(pushing.refusals())
                    .as("pushes to B refused during the crash of A")
                    .isEmpty();
            assertThat(pushing.accepted()).isEqualTo(pushing.rounds() * USERS);
            System.out.printf("[crash] %d pushes to B during the crash, every one answered 202%n", pushing.accepted());
            users.forEach(user -> publisher.push(b, user));

            List<FeedClient> everyone = new ArrayList<>(onA);
            everyone.addAll(onB);
            await("every client has its user's whole feed")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> everyone.stream()
                            .allMatch(client -> client.seqs().size() >= publisher.head(client.userId())));
            for (FeedClient client : everyone) {
                assertThat(client.settled())
                        .as("feed of a client of %s", client.userId())
                        .containsExactlyElementsOf(range(publisher.head(client.userId())));
            }
            assertThat(database.closeReasonsOn(a.nodeId())).isEqualTo(Map.of("NODE_LOST", (long) onA.size()));
            assertThat(database.closesMentioning(a.nodeId(), "node " + a.nodeId() + " stopped renewing its lease at"))
                    .isEqualTo(onA.size());
            assertThat(database.leaseState(a.nodeId())).isEqualTo("REAPED");
            assertThat(database.reapedBy(a.nodeId())).isEqualTo(b.nodeId());
            assertThat(database.liveOn(b.nodeId())).isEqualTo(everyone.size());
            System.out.printf(
                    "[crash] %d clients, %d events in all, each received exactly once in order%n",
                    everyone.size(), users.stream().mapToLong(publisher::head).sum());
        } finally {
            if (pushing != null) {
                pushing.close();
            }
            onA.forEach(FeedClient::close);
            onB.forEach(FeedClient::close);
            pool.shutdownNow();
            a.close();
            b.close();
        }
    }

    private static List<FeedClient> connect(ExecutorService pool, ProcessNode node, List<String> users, int each) {
        List<CompletableFuture<FeedClient>> connecting = new ArrayList<>();
        for (String user : users) {
            for (int i = 0; i < each; i++) {
                connecting.add(CompletableFuture.supplyAsync(() -> FeedClient.connect(node.port(), user), pool));
            }
        }
        return connecting.stream().map(CompletableFuture::join).toList();
    }

    private static void inParallel(ExecutorService pool, List<FeedClient> clients, Consumer<FeedClient> action) {
        clients.stream()
                .map(client -> CompletableFuture.runAsync(() -> action.accept(client), pool))
                .toList()
                .forEach(CompletableFuture::join);
    }

    private static List<Long> range(long head) {
        return LongStream.rangeClosed(1, head).boxed().toList();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
