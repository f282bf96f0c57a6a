package dev.switchboard.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.feed.AgentEvents;
import dev.switchboard.command.feed.FeedOverloadedException;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.Tokens;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The node's feed writer held up behind a long queue, so that it refuses what comes next. A transaction of the test
 * locks the idempotency key table: the writer's transaction for a keyed event waits on that lock, and 500 events are
 * queued behind it. The writer refuses only what it would need longer than its bound to reach at the rate it learnt
 * from batches taken with more queued; a busy spell teaches it that first. Closing rolls the lock back and checks
 * that everything the writer took meanwhile was appended: nothing it took is lost.
 */
final class HeldFeedWriter implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Connection lock;
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<Future<?>> taken = new ArrayList<>();
    private final List<CompletableFuture<ApiClient.Response>> takenOverHttp = new ArrayList<>();
    private boolean released;

    private HeldFeedWriter(Connection lock) {
        this.lock = lock;
    }

    /** Returns once the writer has refused a request over HTTP, so that it refuses the next ones too. */
    static HeldFeedWriter behind(AgentEvents feed, ApiClient api) throws Exception {
        busySpell(feed);
        Connection lock = TestDatabase.shared().connect();
        lock.setAutoCommit(false);
        lock.createStatement().execute("LOCK TABLE feed_idempotency_key IN EXCLUSIVE MODE");
        HeldFeedWriter writer = new HeldFeedWriter(lock);
        writer.taken.add(writer.callers.submit(() -> feed.append(Tokens.newUserId(), "r", "agent_started", null, "k")));
        await().atMost(WAIT).until(HeldFeedWriter::writerWaitsOnTheLock);
        var queued = new PublishAgentEvent(Tokens.newUserId(), "r", "agent_thinking", Map.of(), null);
        writer.taken.add(writer.callers.submit(() -> feed.appendAll(Collections.nCopies(500, queued))));
        writer.awaitRefusal(api);
        return writer;
    }

    /**
     * When the 500 are queued is their caller thread's business: until then a request is taken (and waits, to be
     * appended on release). Nothing the writer takes can be answered while it is held, so any answer is a refusal;
     * another probe goes out only while none has an answer.
     */
    private void awaitRefusal(ApiClient api) {
        await().atMost(WAIT).until(() -> {
            if (takenOverHttp.stream().noneMatch(CompletableFuture::isDone)) {
                String body = Batches.body(List.of(Batches.event(Tokens.newUserId(), "agent_thinking")));
                takenOverHttp.add(api.postJsonAsync("/api/events", Tokens.publisher(), body));
            }
            return takenOverHttp.stream().anyMatch(CompletableFuture::isDone);
        });
        var refused = takenOverHttp.stream()
                .filter(CompletableFuture::isDone)
                .findFirst()
                .orElseThrow();
        assertThat(refused.join().status()).as(refused.join().raw()).isEqualTo(503);
        takenOverHttp.remove(refused);
    }

    @Override
    public void close() throws Exception {
        if (released) {
            return;
        }
        released = true;
        try (lock) {
            lock.rollback();
        }
        for (Future<?> request : taken) {
            request.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        for (var request : takenOverHttp) {
            // a probe still on its way when the first refusal came may have been refused too
            var answer = request.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.status() == 202
                            || answer.body().path("error").asText().equals("overloaded"))
                    .as(answer.raw())
                    .isTrue();
        }
        callers.shutdown();
    }

    private static boolean writerWaitsOnTheLock() throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO feed_idempotency_key%'")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    /** Eight callers at once against a writer that takes two events a time: it works with more queued. */
    private static void busySpell(AgentEvents feed) throws Exception {
        List<Callable<Void>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String user = Tokens.newUserId();
            callers.add(() -> {
                for (int n = 0; n < 25; n++) {
                    try {
                        feed.append(user, "r", "agent_thinking", Map.of(), null);
                    } catch (FeedOverloadedException refused) {
                        // it has learnt its rate already
                    }
                }
                return null;
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(callers.size());
        try {
            for (Future<Void> caller : threads.invokeAll(callers)) {
                caller.get();
            }
        } finally {
            threads.shutdown();
        }
    }
}
