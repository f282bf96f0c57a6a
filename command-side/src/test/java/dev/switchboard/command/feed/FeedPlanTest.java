package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How a batch hands out seqs, without a database: the rules the feed aggregate used to hold. */
class FeedPlanTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Map<String, Object> DATA = Map.of("tool", "search");
    private static final FeedPayloads PAYLOADS = FeedDatabase.payloads();

    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void aUsersFirstEventTakesSeqOneAtTheClocksTime() {
        FeedRequest request = request(publish("alice", "agent_started", "k1"));
        FeedPlan plan = plan(List.of(request), Map.of("alice", 0L));

        assertThat(request.slots().get(0).event())
                .isEqualTo(new AgentEventPublished("alice", 1, "run-1", "agent_started", DATA, "k1", NOW));
        assertThat(request.slots().get(0).isAppended()).isTrue();
        assertThat(request.slots().get(0).eventId())
                .as("a message id from the plan's supplier")
                .startsWith("event-");
        assertThat(plan.lastSeqs()).containsEntry("alice", 1L);
    }

    @Test
    void eachUsersEventsTakeTheSeqsAfterItsHeadInQueueOrder() {
        FeedRequest first = request(publish("bob", "agent_started", null), publish("alice", "agent_started", null));
        FeedRequest second = request(publish("alice", "agent_thinking", null), publish("bob", "agent_thinking", null));
        FeedPlan plan = plan(List.of(first, second), Map.of("alice", 41L, "bob", 0L));

        assertThat(seqs(first, second)).containsExactly(1L, 42L, 43L, 2L);
        assertThat(plan.appended())
                .as("inserted by user, then seq")
                .extracting(slot -> slot.userId() + ":" + slot.event().seq())
                .containsExactly("alice:42", "alice:43", "bob:1", "bob:2");
    }

    @Test
    void eventsWithoutAnIdempotencyKeyAreAllAppended() {
        FeedRequest request =
                request(publish("alice", "tool_executing", null), publish("alice", "tool_executing", null));
        FeedPlan plan = plan(List.of(request), Map.of("alice", 1L));

        assertThat(seqs(request)).containsExactly(2L, 3L);
        assertThat(plan.keyed()).isEmpty();
    }

    @Test
    void aKeyRepeatedWithinTheBatchStandsForItsFirstEventAndAppendsNothing() {
        FeedRequest first = request(publish("alice", "agent_started", "k1"));
        FeedRequest retry = request(publish("alice", "agent_started", "k1"));
        FeedPlan plan = plan(List.of(first, retry), Map.of("alice", 0L));

        assertThat(retry.slots().get(0).event()).isSameAs(first.slots().get(0).event());
        assertThat(retry.slots().get(0).isAppended()).isFalse();
        assertThat(plan.appended()).hasSize(1);
        assertThat(plan.lastSeqs()).containsEntry("alice", 1L);
    }

    @Test
    void aKeyTheLogHoldsStandsForTheStoredEventWhenTheUserIsPlannedAgain() {
        AgentEventPublished stored = new AgentEventPublished("alice", 3, "run-0", "agent_started", Map.of(), "k1", NOW);
        FeedRequest request =
                request(publish("alice", "agent_started", "k1"), publish("alice", "agent_thinking", "k2"));
        FeedPlan plan = plan(List.of(request), Map.of("alice", 3L));

        plan.plan(
                "alice",
                7,
                Map.of("k1", new KeyedEvent(stored, request.slots().get(0).fingerprint())));

        assertThat(request.slots().get(0).event()).isSameAs(stored);
        assertThat(seqs(request)).containsExactly(3L, 8L);
        assertThat(plan.keys("alice")).containsExactlyInAnyOrder("k1", "k2");
        assertThat(plan.keyed()).extracting(FeedSlot::idempotencyKey).containsExactly("k2");
        assertThat(plan.lastSeqs()).containsEntry("alice", 8L);
    }

    @Test
    void aRequestRefusedWhilePlanningIsLeftOutOfTheNextPlan() {
        FeedRequest refused = request(publish("alice", "agent_started", null));
        FeedRequest kept = request(publish("bob", "agent_started", null));
        refused.fail(new IdempotencyKeyReusedException("alice", "k1"));

        FeedPlan plan = plan(List.of(refused, kept), Map.of("bob", 0L));

        assertThat(plan.users()).containsExactly("bob");
    }

    private FeedPlan plan(List<FeedRequest> batch, Map<String, Long> lastSeqs) {
        FeedPlan plan = new FeedPlan(batch, Clock.fixed(NOW, ZoneOffset.UTC), () -> "event-" + ids.incrementAndGet());
        plan.users().forEach(user -> plan.plan(user, lastSeqs.get(user), Map.of()));
        return plan;
    }

    private FeedRequest request(PublishAgentEvent... events) {
        return new FeedRequest(List.of(events), () -> "trace-" + ids.incrementAndGet(), PAYLOADS);
    }

    private static PublishAgentEvent publish(String user, String event, String key) {
        return new PublishAgentEvent(user, "run-1", event, DATA, key);
    }

    private static List<Long> seqs(FeedRequest... requests) {
        return Stream.of(requests)
                .flatMap(request -> request.slots().stream())
                .map(slot -> slot.event().seq())
                .toList();
    }
}
