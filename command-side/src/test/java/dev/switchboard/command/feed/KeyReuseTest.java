package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An idempotency key stands for one body: the same event again gets the earlier one, another body is refused. */
class KeyReuseTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void theSameBodyHasTheSameFingerprintWhateverTheOrderOfItsFields() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("tool", "search");
        ordered.put("args", Map.of("q", "x", "limit", 3));
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("args", new LinkedHashMap<>(Map.of("limit", 3, "q", "x")));
        reordered.put("tool", "search");

        assertThat(BodyFingerprint.of(publish("k1", ordered))).isEqualTo(BodyFingerprint.of(publish("k1", reordered)));
        assertThat(BodyFingerprint.of(publish("k1", ordered)))
                .isNotEqualTo(BodyFingerprint.of(publish("k1", Map.of("tool", "search"))));
    }

    @Test
    void aKeyRepeatedWithinTheBatchWithAnotherBodyFailsItsRequestWhichTheNextPlanLeavesOut() {
        FeedRequest first = request(publish("k1", Map.of("n", 1)));
        FeedRequest reused = request(publish("k1", Map.of("n", 2)));
        FeedPlan plan = new FeedPlan(List.of(first, reused), Clock.fixed(NOW, ZoneOffset.UTC), this::id);

        assertThat(plan.plan("alice", 0, Map.of())).isFalse();
        assertThat(reused.answer())
                .isCompletedExceptionally()
                .failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IdempotencyKeyReusedException.class);

        FeedPlan again = new FeedPlan(List.of(first, reused), Clock.fixed(NOW, ZoneOffset.UTC), this::id);
        assertThat(again.plan("alice", 0, Map.of())).isTrue();
        assertThat(again.appended()).extracting(slot -> slot.event().seq()).containsExactly(1L);
    }

    @Test
    void aKeyTheLogHoldsForAnotherBodyFailsTheRequest() {
        FeedRequest request = request(publish("k1", Map.of("n", 2)));
        FeedPlan plan = new FeedPlan(List.of(request), Clock.fixed(NOW, ZoneOffset.UTC), this::id);
        byte[] storedBody = BodyFingerprint.of(publish("k1", Map.of("n", 1)));

        assertThat(plan.plan("alice", 4, Map.of("k1", new KeyedEvent(stored(), storedBody))))
                .isFalse();
        assertThat(request.answer()).isCompletedExceptionally();
    }

    @Test
    void aKeyStoredBeforeBodiesWereFingerprintedStandsForItsEventWhateverTheBody() {
        FeedRequest request = request(publish("k1", Map.of("n", 2)));
        FeedPlan plan = new FeedPlan(List.of(request), Clock.fixed(NOW, ZoneOffset.UTC), this::id);

        assertThat(plan.plan("alice", 4, Map.of("k1", new KeyedEvent(stored(), null))))
                .isTrue();
        assertThat(request.slots().get(0).event()).isEqualTo(stored());
        assertThat(plan.appended()).isEmpty();
    }

    private static AgentEventPublished stored() {
        return new AgentEventPublished("alice", 4, "run-1", "agent_started", Map.of("n", 1), "k1", NOW);
    }

    private FeedRequest request(PublishAgentEvent... events) {
        return new FeedRequest(List.of(events), this::id, FeedDatabase.payloads());
    }

    private String id() {
        return "id-" + ids.incrementAndGet();
    }

    private static PublishAgentEvent publish(String key, Map<String, Object> data) {
        return new PublishAgentEvent("alice", "run-1", "agent_started", data, key);
    }
}
