package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A writer that cannot keep up refuses new publishes at once, with a time to come back, instead of queueing them for
 * longer than its bound. Here it is held up in its commit listener after it has learnt its rate from a busy spell.
 */
class FeedOverloadIT {

    private static final int MAX_BATCH = 10;

    @Test
    void aPublishTheWriterCouldNotReachWithinTheBoundIsRefusedWithARetryAfter() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        AtomicBoolean hold = new AtomicBoolean();
        FeedCommitListener listener = appended -> {
            if (hold.get()) {
                holding.countDown();
                await(released);
            }
        };
        try (HikariDataSource pool = FeedDatabase.postgres().pool();
                FeedWriter writer = FeedDatabase.writer(pool, listener, MAX_BATCH, Duration.ofMillis(5))) {
            busySpell(writer);
            hold.set(true);
            CompletableFuture<List<AgentEventPublished>> held = writer.submit(request("held"));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<List<AgentEventPublished>>> accepted = new ArrayList<>();
            FeedOverloadedException refusal = null;
            while (refusal == null && accepted.size() < 10_000) {
                try {
                    accepted.add(writer.submit(request("queued")));
                } catch (FeedOverloadedException e) {
                    refusal = e;
                }
            }
            hold.set(false);
            released.countDown();

            assertThat(refusal).as("refused before 10,000 were queued").isNotNull();
            assertThat(refusal.retryAfterSeconds()).isPositive();
            assertThat(accepted).as("a batch's worth is always taken").hasSizeGreaterThanOrEqualTo(MAX_BATCH);
            held.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
    }

    /** A single caller's batch may be larger than the writer's: it is written alone, rather than never. */
    @Test
    void aRequestLargerThanABatchIsTakenWhenNothingIsQueued() throws Exception {
        try (HikariDataSource pool = FeedDatabase.postgres().pool();
                FeedWriter writer =
                        FeedDatabase.writer(pool, FeedCommitListener.NONE, MAX_BATCH, Duration.ofMillis(1))) {
            busySpell(writer);

            List<PublishAgentEvent> events = Collections.nCopies(
                    MAX_BATCH * 5, new PublishAgentEvent("large", "run-1", "agent_thinking", Map.of(), null));
            List<AgentEventPublished> stored =
                    writer.submit(FeedDatabase.request(events)).get(30, TimeUnit.SECONDS);

            assertThat(stored)
                    .extracting(AgentEventPublished::seq)
                    .doesNotHaveDuplicates()
                    .hasSize(MAX_BATCH * 5);
        }
    }

    /**
     * Enough queued at once that the writer works with more waiting, which is when it learns its rate. A refusal on
     * the way means it has learnt one already (a cold writer's first batches are slow, so this can happen on a busy
     * machine); the requests it took are still waited for.
     */
    private static void busySpell(FeedWriter writer) throws Exception {
        List<CompletableFuture<List<AgentEventPublished>>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            try {
                answers.add(writer.submit(request("busy")));
            } catch (FeedOverloadedException learnt) {
                break;
            }
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static FeedRequest request(String user) {
        var event = new PublishAgentEvent(user, "run-1", "agent_thinking", Map.of(), null);
        return FeedDatabase.request(List.of(event));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
