package dev.switchboard.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An operator kicks, on node A, a connection whose socket node B holds, while an agent pushes the user's events on both
 * nodes, one after another without pause. B closes the socket with 4010 within a second of the kick (from the time
 * the close is in the log: the DELETE's own time on a loaded machine is A's, not the kick's way to B), no event pushed
 * after the kick answered reaches it, and the user's other socket on B gets every event once, in order. The log holds
 * the operator's close only.
 */
class AdminKickProcessIT {

    private static final long KICK_DEADLINE_MILLIS = 1000;

    private record Push(long seq, long startedNanos) {}

    private final Publisher publisher = new Publisher();
    private final ClusterDatabase database = new ClusterDatabase();

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aKickOnOneNodeClosesTheSocketOnAnotherWith4010WithinASecondAndNoLaterEventReachesIt() throws Exception {
        ProcessNode a = ProcessNode.launch("kick-a");
        ProcessNode b = ProcessNode.launch("kick-b");
        ExecutorService pushing = Executors.newSingleThreadExecutor();
        AtomicBoolean push = new AtomicBoolean(true);
        try {
            a.awaitReady();
            b.awaitReady();
            String user = Tokens.newUserId();
            try (TestSocket kicked = TestSocket.connect(b.port());
                    TestSocket stays = TestSocket.connect(b.port())) {
                String kickedId = kicked.authenticate(Tokens.user(user))
                        .path("connectionId")
                        .asText();
                stays.authenticate(Tokens.user(user));
                publisher.push(a, user);
                assertThat(kicked.expect("event").path("seq").asLong()).isEqualTo(1);
                assertThat(stays.expect("event").path("seq").asLong()).isEqualTo(1);

                List<Push> pushes = new CopyOnWriteArrayList<>();
                var load = CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; push.get(); i++) {
                                long started = System.nanoTime();
                                pushes.add(new Push(publisher.push(i % 2 == 0 ? a : b, user, Map.of("i", i)), started));
                            }
                        },
                        pushing);
                await("pushes under way").atMost(Duration.ofSeconds(30)).until(() -> pushes.size() >= 10);

                long kickStarted = System.nanoTime();
                var kick = new ApiClient(a.port()).delete("/api/connections/" + kickedId, Tokens.admin());
                long kickAnswered = System.nanoTime();
                assertThat(kick.status()).as(kick.raw()).isEqualTo(204);
                assertThat(kicked.awaitClose()).as("close code on B").isEqualTo(4010);
                long closedAt = kicked.closedAtNanos();
                Instant logged = Instant.parse(new ApiClient(a.port())
                        .get("/api/connections/" + kickedId, Tokens.admin())
                        .body()
                        .path("closedAt")
                        .asText());
                long closeMillis = Duration.between(logged, kicked.closedAt()).toMillis();
                await("pushes after the kick")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> pushes.stream()
                                        .filter(p -> p.startedNanos() > closedAt)
                                        .count()
                                >= 10);
                push.set(false);
                load.get(30, TimeUnit.SECONDS); // a refused push fails the test here

                long head = publisher.head(user);
                List<Long> afterKick = pushes.stream()
                        .filter(p -> p.startedNanos() > kickAnswered)
                        .map(Push::seq)
                        .toList();
                long inFlight = pushes.stream()
                        .filter(p -> p.startedNanos() > kickStarted && p.startedNanos() < kickAnswered)
                        .count();
                assertThat(seqs(stays, head - 1)).containsExactlyElementsOf(range(2, head));
                assertThat(seqs(kicked.drain()))
                        .as("events on the kicked socket after seq 1")
                        .doesNotContainAnyElementsOf(afterKick);
                System.out.printf(
                        "[kick] B closed the socket with 4010 %d ms after the close's time in the log (%.1f ms after "
                                + "the DELETE was sent to A, which answered in %.1f ms); %d events pushed while the "
                                + "DELETE was in flight, %d after it, none of those after it on the kicked socket%n",
                        closeMillis,
                        (closedAt - kickStarted) / 1e6,
                        (kickAnswered - kickStarted) / 1e6,
                        inFlight,
                        afterKick.size());
                assertThat(closeMillis)
                        .as("milliseconds from the close in the log to the close on B")
                        .isLessThan(KICK_DEADLINE_MILLIS);
                assertThat(database.closeReasonsOn(b.nodeId())).isEqualTo(Map.of("ADMIN_CLOSED", 1L));
                assertThat(database.liveOn(b.nodeId())).isEqualTo(1);
            }
        } finally {
            push.set(false);
            pushing.shutdownNow();
            a.close();
            b.close();
        }
    }

    private static List<Long> seqs(TestSocket socket, long count) {
        return seqs(socket.next((int) count));
    }

    private static List<Long> seqs(List<JsonNode> frames) {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode frame : frames) {
            assertThat(frame.path("type").asText()).as("frame %s", frame).isEqualTo("event");
            seqs.add(frame.path("seq").asLong());
        }
        return seqs;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
