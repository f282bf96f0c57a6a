package dev.switchboard.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.feed.AgentEvents;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that missed a hundred thousand events resumes and gets every one of them, in order, once, on a socket with
 * the default 512 KB send limit (the backlog is some 20 times that), then the events published live meanwhile, and
 * the socket stays open. The node reads the backlog a page at a time as the client reads: the events it holds read
 * ahead never exceed a page.
 */
class LongResumeIT extends PostgresIntegrationTest {

    private static final int EVENTS = 100_000;
    private static final int PER_TRANSACTION = 1_000;
    private static final int LIVE = 200;
    private static final Map<String, Object> DATA = Map.of("text", "x".repeat(100));

    @LocalServerPort
    int port;

    @Autowired
    AgentEvents feed;

    @Autowired
    AgentEventPublisher publisher;

    @Autowired
    MeterRegistry meters;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aClientThatMissedAHundredThousandEventsGetsEachOnceInOrderAndStaysOpen() {
        String user = Tokens.newUserId();
        long began = System.nanoTime();
        for (int appended = 0; appended < EVENTS; appended += PER_TRANSACTION) {
            List<PublishAgentEvent> batch = new ArrayList<>(PER_TRANSACTION);
            for (int i = 0; i < PER_TRANSACTION; i++) {
                batch.add(new PublishAgentEvent(user, "run-long", "agent_thinking", DATA, null));
            }
            feed.appendAll(batch);
        }
        long appendedAt = System.nanoTime();
        AtomicLong mostReadAhead = new AtomicLong();
        ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();
        sampling.scheduleAtFixedRate(
                () -> mostReadAhead.accumulateAndGet(readAhead(), Math::max), 0, 5, TimeUnit.MILLISECONDS);

        try (TestSocket socket = TestSocket.connect(port)) {
            socket.expect("welcome");
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\",\"lastSeq\":0}");
            assertThat(socket.expect("ready").path("lastSeq").asLong()).isEqualTo(EVENTS);
            var live = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < LIVE; i++) {
                    publisher.publish(user, "run-live", "agent_thinking", DATA);
                }
            });
            for (long seq = 1; seq <= EVENTS + LIVE; seq++) {
                JsonNode frame = socket.next();
                assertThat(frame.path("type").asText()).as("frame %s", frame).isEqualTo("event");
                assertThat(frame.path("seq").asLong()).isEqualTo(seq);
            }
            assertThat(live)
                    .as("the live events were published during the replay")
                    .isDone();
            socket.send("{\"type\":\"ping\"}");
            socket.expect("pong");
            assertThat(socket.isClosed()).isFalse();
        } finally {
            sampling.shutdownNow();
        }
        System.out.printf(
                "appended %d events in %d ms, resumed them in %d ms; at most %d read ahead%n",
                EVENTS,
                TimeUnit.NANOSECONDS.toMillis(appendedAt - began),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - appendedAt),
                mostReadAhead.get());
        assertThat(mostReadAhead.get())
                .as("events read ahead from the log at any sampled moment")
                .isLessThanOrEqualTo(Backlog.PAGE);
    }

    private long readAhead() {
        return (long) meters.get("switchboard.feed.backlog.events").gauge().value();
    }
}
