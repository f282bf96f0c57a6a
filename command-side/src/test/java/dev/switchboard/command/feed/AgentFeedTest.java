package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.LongStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentFeedTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String ALICE = "alice";
    private static final String RUN = "run-1";
    private static final Map<String, Object> DATA = Map.of("tool", "search");

    private AggregateTestFixture<AgentFeed> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AgentFeed.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aUsersFirstEventCreatesTheFeedWithSeqOne() {
        fixture.givenNoPriorActivity()
                .when(publish("agent_started", "k1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(FeedAppend.of(published(1, "agent_started", "k1")))
                .expectEvents(published(1, "agent_started", "k1"));
    }

    @Test
    void theNextEventTakesTheNextSeq() {
        fixture.given(published(1, "agent_started", "k1"))
                .when(publish("agent_thinking", "k2"))
                .expectResultMessagePayload(FeedAppend.of(published(2, "agent_thinking", "k2")))
                .expectEvents(published(2, "agent_thinking", "k2"));
    }

    @Test
    void eventsWithoutAnIdempotencyKeyAreAllAppended() {
        fixture.given(published(1, "tool_executing", null))
                .when(publish("tool_executing", null))
                .expectResultMessagePayload(FeedAppend.of(published(2, "tool_executing", null)))
                .expectEvents(published(2, "tool_executing", null));
    }

    @Test
    void aReplayedIdempotencyKeyReturnsTheEarlierSeqAndAppendsNothing() {
        fixture.given(published(1, "agent_started", "k1"), published(2, "agent_thinking", "k2"))
                .when(publish("agent_started", "k1"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(FeedAppend.replayed(1))
                .expectNoEvents();
    }

    @Test
    void anIdempotencyKeyOlderThanTheLastThousandIsForgottenAndAppendedAgain() {
        Object[] history = LongStream.rangeClosed(1, AgentFeed.REMEMBERED_KEYS + 1)
                .mapToObj(seq -> published(seq, "agent_thinking", "k" + seq))
                .toArray();
        long next = AgentFeed.REMEMBERED_KEYS + 2L;
        fixture.given(history)
                .when(publish("agent_thinking", "k1"))
                .expectResultMessagePayload(FeedAppend.of(published(next, "agent_thinking", "k1")))
                .expectEvents(published(next, "agent_thinking", "k1"));
    }

    @Test
    void anUnknownEventNameIsRefusedBeforeAnythingIsAppended() {
        fixture.givenNoPriorActivity()
                .when(publish("agent_exploded", "k1"))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("agent_exploded"))
                .expectNoEvents();
    }

    @Test
    void aBlankRunIdIsRefusedWithASentenceThatNamesIt() {
        assertThatThrownBy(() -> AgentFeed.validate(new PublishAgentEvent(ALICE, " ", "agent_started", DATA, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runId");
    }

    private static PublishAgentEvent publish(String event, String idempotencyKey) {
        return new PublishAgentEvent(ALICE, RUN, event, DATA, idempotencyKey);
    }

    private static AgentEventPublished published(long seq, String event, String idempotencyKey) {
        return new AgentEventPublished(ALICE, seq, RUN, event, DATA, idempotencyKey, NOW);
    }
}
