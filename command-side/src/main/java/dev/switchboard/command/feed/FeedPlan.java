package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The seqs a batch hands out: each user's events in queue order after the user's last seq, an idempotency key the
 * log or an earlier event of the batch already holds standing for that event instead. A key that stands for an event
 * with another body fails its request ({@link IdempotencyKeyReusedException}), and the batch is planned again without
 * it. Users in id order, so that
 * every node takes the event table's locks in one order and two batches never wait on each other in a circle.
 */
final class FeedPlan {

    private final SortedMap<String, List<FeedSlot>> slotsByUser = new TreeMap<>();
    private final Map<String, Long> lastSeqs = new HashMap<>();
    private final Clock clock;
    private final Supplier<String> eventIds;

    /** Requests already answered (refused while planning) are left out. */
    FeedPlan(List<FeedRequest> batch, Clock clock, Supplier<String> eventIds) {
        this.clock = clock;
        this.eventIds = eventIds;
        for (FeedRequest request : batch) {
            if (!request.isAnswered()) {
                for (FeedSlot slot : request.slots()) {
                    slotsByUser
                            .computeIfAbsent(slot.userId(), user -> new ArrayList<>())
                            .add(slot);
                }
            }
        }
    }

    Set<String> users() {
        return slotsByUser.keySet();
    }

    /**
     * Plans the user's events after {@code lastSeq}, or again after a conflict.
     *
     * @param stored events of the log that some of the user's idempotency keys stand for
     * @return false when a request was failed for reusing a key: the plan no longer holds, and the batch must be
     *     planned again without that request
     */
    boolean plan(String user, long lastSeq, Map<String, KeyedEvent> stored) {
        Map<String, KeyedEvent> byKey = new HashMap<>(stored);
        long seq = lastSeq;
        for (FeedSlot slot : slotsByUser.get(user)) {
            KeyedEvent earlier = slot.idempotencyKey() == null ? null : byKey.get(slot.idempotencyKey());
            if (earlier != null && !BodyFingerprint.matches(earlier.fingerprint(), slot.fingerprint())) {
                slot.request().fail(new IdempotencyKeyReusedException(user, slot.idempotencyKey()));
                return false;
            }
            if (earlier != null) {
                slot.replay(earlier.event());
            } else {
                slot.append(++seq, clock.instant(), eventIds.get());
                if (slot.idempotencyKey() != null) {
                    byKey.put(slot.idempotencyKey(), new KeyedEvent(slot.event(), slot.fingerprint()));
                }
            }
        }
        lastSeqs.put(user, seq);
        return true;
    }

    /** Each planned user's last seq once the plan is committed. */
    Map<String, Long> lastSeqs() {
        return Map.copyOf(lastSeqs);
    }

    /** The idempotency keys the user's events carry. */
    Set<String> keys(String user) {
        return Set.copyOf(slotsByUser.get(user).stream()
                .map(FeedSlot::idempotencyKey)
                .filter(Objects::nonNull)
                .toList());
    }

    /** The user's events to insert, in seq order. */
    List<FeedSlot> appended(String user) {
        return slotsByUser.get(user).stream().filter(FeedSlot::isAppended).toList();
    }

    /** The user's events to insert that carry a key, in key order (the key table's lock order). */
    List<FeedSlot> keyed(String user) {
        return appended(user).stream()
                .filter(slot -> slot.idempotencyKey() != null)
                .sorted(Comparator.comparing(FeedSlot::idempotencyKey))
                .toList();
    }

    /** Every event to insert, in the order they are inserted: by user, then seq. */
    List<FeedSlot> appended() {
        return users().stream().flatMap(user -> appended(user).stream()).toList();
    }

    List<FeedSlot> keyed() {
        return users().stream().flatMap(user -> keyed(user).stream()).toList();
    }

    List<AgentEventPublished> appendedEvents() {
        return appended().stream().map(FeedSlot::event).toList();
    }
}
