package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A socket's close waits for the frames queued before it, never for a client that stopped reading. */
class OutboxCloseTest {

    /** Writes nothing: remembers each frame and its handler, which the test completes as the socket would. */
    private static final class HeldWrites extends WholeTextFrames {
        final List<String> started = new ArrayList<>();
        final List<SendHandler> pending = new ArrayList<>();

        @Override
        void send(Session endpoint, String text, SendHandler done) {
            started.add(text);
            pending.add(done);
        }

        void completeNext() {
            pending.remove(0).onResult(new SendResult());
        }
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final HeldWrites writes = new HeldWrites();
    private final AtomicInteger closes = new AtomicInteger();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private Outbox outbox(Duration timeLimit) {
        return new Outbox(null, writes, 1 << 20, timeLimit.toNanos(), error -> {});
    }

    @Test
    void anIdleSocketClosesAtOnce() {
        Outbox outbox = outbox(Duration.ofSeconds(10));
        outbox.closeAfterQueued(closes::incrementAndGet, timer);
        assertThat(closes).hasValue(1);
    }

    @Test
    void theCloseWaitsForTheFramesQueuedBeforeItAndDropsThoseAfterIt() {
        Outbox outbox = outbox(Duration.ofSeconds(10));
        outbox.send("a");
        outbox.send("b");
        outbox.closeAfterQueued(closes::incrementAndGet, timer);
        outbox.send("after the close");

        writes.completeNext();
        assertThat(closes).as("closed while b is being written").hasValue(0);
        writes.completeNext();
        assertThat(closes).hasValue(1);
        assertThat(writes.started).containsExactly("a", "b");
    }

    @Test
    void aClientThatStopsReadingIsClosedAtTheWriteTimeLimit() {
        Outbox outbox = outbox(Duration.ofMillis(100));
        outbox.send("never written");
        outbox.closeAfterQueued(closes::incrementAndGet, timer);
        await().atMost(Duration.ofSeconds(10)).untilAtomic(closes, is(1));

        writes.completeNext(); // the write ends after all: the close does not run twice
        assertThat(closes).hasValue(1);
    }

    @Test
    void aSlowConsumersCloseDoesNotWaitForItsQueue() {
        Outbox outbox = outbox(Duration.ofSeconds(10));
        outbox.send("stuck");
        assertThat(outbox.closeNow(closes::incrementAndGet)).isCompleted();
        assertThat(closes).hasValue(1);
        outbox.closeAfterQueued(closes::incrementAndGet, timer);
        assertThat(closes).as("a second close").hasValue(1);
    }

    @Test
    void aCloseThatRanLeavesNoDeadlineOnTheTimer() throws Exception {
        var scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        try {
            Outbox outbox = outbox(Duration.ofSeconds(10));
            outbox.send("a");
            outbox.closeAfterQueued(closes::incrementAndGet, scheduler);
            assertThat(scheduler.getQueue()).hasSize(1);
            writes.completeNext();
            assertThat(closes).hasValue(1);
            assertThat(scheduler.getQueue())
                    .as("the deadline, cancelled with the close")
                    .isEmpty();
        } finally {
            scheduler.shutdownNow();
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        }
    }
}
