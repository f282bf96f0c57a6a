package dev.switchboard.command.feed;

import static java.util.stream.Collectors.joining;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.switchboard.api.feed.AgentEventKind;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.cache.AggregateCache;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One user's agent event feed, stream {@code feed:<userId>}. Its only event is {@link AgentEventPublished}, so event
 * n of the stream (Axon counts from 0) carries seq n + 1: the event table's unique key on (stream, sequence) is what
 * hands each seq to exactly one event, even when two nodes publish for the user at the same instant.
 */
@Aggregate(cache = AggregateCache.FEEDS)
class AgentFeed {

    /** A publisher retries an event within seconds, long before a thousand newer events have arrived. */
    static final int REMEMBERED_KEYS = 1_000;

    @AggregateIdentifier
    private String feedId;

    private long lastSeq;

    /** Recent idempotency keys and the seq each got; rebuilt from the events, oldest forgotten first. */
    private final Map<String, Long> seqByKey = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_KEYS;
        }
    };

    AgentFeed() {
        // for Axon, which rebuilds the feed from its events, or creates it empty on a user's first publish
    }

    /** @return the event appended with its new seq, or only the earlier seq when the idempotency key was seen */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    FeedAppend handle(PublishAgentEvent command, Clock clock) {
        validate(command);
        Long earlier = command.idempotencyKey() == null ? null : seqByKey.get(command.idempotencyKey());
        if (earlier != null) {
            return FeedAppend.replayed(earlier);
        }
        Map<String, Object> data = command.data() == null ? Map.of() : command.data();
        var appended = new AgentEventPublished(
                command.userId(),
                lastSeq + 1,
                command.runId(),
                command.event(),
                data,
                command.idempotencyKey(),
                clock.instant());
        apply(appended);
        return FeedAppend.of(appended);
    }

    /** Also checked here, not only by {@link AgentEvents}, so a command sent around it cannot log a bad event. */
    static void validate(PublishAgentEvent command) {
        if (command.userId() == null || command.userId().isBlank()) {
            throw new IllegalArgumentException("An agent event needs a non-blank userId.");
        }
        if (command.runId() == null || command.runId().isBlank()) {
            throw new IllegalArgumentException("An agent event needs a non-blank runId.");
        }
        if (AgentEventKind.fromWire(command.event()).isEmpty()) {
            throw new IllegalArgumentException("Unknown agent event '" + command.event() + "': expected one of "
                    + Arrays.stream(AgentEventKind.values())
                            .map(AgentEventKind::wire)
                            .collect(joining(", ")) + ".");
        }
    }

    @EventSourcingHandler
    void on(AgentEventPublished event) {
        feedId = FeedIds.of(event.userId());
        lastSeq = event.seq();
        if (event.idempotencyKey() != null) {
            seqByKey.put(event.idempotencyKey(), event.seq());
        }
    }
}
