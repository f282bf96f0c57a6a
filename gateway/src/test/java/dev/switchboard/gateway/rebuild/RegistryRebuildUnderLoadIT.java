package dev.switchboard.gateway.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.audit.rebuild.RegistryVerify;
import dev.switchboard.gateway.feed.AgentEventPublisher;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rebuild while users connect, receive agent events and leave: nobody notices it. Real WebSocket clients and
 * direct lifecycles run in background threads for the whole rebuild while a reader counts the live registry.
 */
class RegistryRebuildUnderLoadIT extends RebuildIntegrationTest {

    private static final int EVENTS_PER_CLIENT = 5;

    @Autowired
    AgentEventPublisher publisher;

    @Autowired
    DataSource dataSource;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger clientsServed = new AtomicInteger();
    private final AtomicLong fewestRowsSeen = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger countsTaken = new AtomicInteger();

    @Test
    void aRebuildDuringLiveTrafficLosesNoDeliveryRefusesNoConnectionAndNeverEmptiesTheRegistry() throws Exception {
        long rowsBefore = liveRows();
        ExecutorService load = Executors.newFixedThreadPool(4);
        load.execute(() -> repeat(() -> {
            fewestRowsSeen.accumulateAndGet(liveRows(), Math::min);
            countsTaken.incrementAndGet();
        }));
        load.execute(() -> repeat(this::serveOneClient));
        load.execute(() -> repeat(this::serveOneClient));
        load.execute(() -> repeat(() -> lifecycle(true)));
        await().atMost(TestSocket.WAIT).until(() -> clientsServed.get() > 0 || !failures.isEmpty());

        int servedBefore = clientsServed.get();
        JsonNode finished = rebuild("");
        int servedDuring = clientsServed.get() - servedBefore;
        stop.set(true);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).isEmpty();
        assertThat(servedDuring).as("clients served while the rebuild ran").isPositive();
        assertThat(countsTaken.get()).isPositive();
        assertThat(fewestRowsSeen.get()).as("fewest live rows a reader saw").isGreaterThanOrEqualTo(rowsBefore);
        assertThat(finished.path("state").asText()).as(finished.toString()).isEqualTo("SWITCHED");
        assertThat(finished.at("/rebuild/differenceCount").asInt()).isZero();
        System.out.printf(
                "rebuild under load: %s events at %s events/s; %d clients served meanwhile; %s%n",
                finished.at("/rebuild/eventsDone"),
                finished.at("/rebuild/eventsPerSecond"),
                servedDuring,
                finished.at("/rebuild/message").asText());

        JsonNode verified = rebuild("");
        assertThat(verified.path("state").asText()).as(verified.toString()).isEqualTo("SWITCHED");
        assertThat(verified.at("/rebuild/differenceCount").asInt()).isZero();
        assertThat(new RegistryVerify(dataSource).compare("connection_registry", "connection_registry_rebuild"))
                .isEmpty();
    }

    /** A user connects, gets every agent event published for it once and in order, and leaves. */
    private void serveOneClient() {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.authenticate(Tokens.user(user));
            for (int i = 0; i < EVENTS_PER_CLIENT; i++) {
                publisher.publish(user, "run-" + user, "agent_thinking", Map.of("step", i));
            }
            List<JsonNode> events = socket.next(EVENTS_PER_CLIENT);
            assertThat(events)
                    .extracting(event -> event.path("seq").asLong())
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, EVENTS_PER_CLIENT).boxed().toList());
            // the pong comes after anything already queued for the socket: a repeated event would show before it
            socket.send("{\"type\":\"ping\"}");
            socket.expect("pong");
        }
        clientsServed.incrementAndGet();
    }

    private void repeat(Runnable work) {
        while (!stop.get() && failures.isEmpty()) {
            try {
                work.run();
            } catch (Throwable failure) {
                failures.add(failure);
            }
        }
    }
}
