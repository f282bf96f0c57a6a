package dev.switchboard.command.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>The events a plan appends share one time, the clock's when the plan was made: they are committed together, and
 * the row's time column is then formatted once for the whole batch. The lists below are built with plain loops: the
 * writer's one thread builds them for every batch, and at 1,000 users a batch the streams they were built with took
 * a quarter of its CPU.
 */
final class FeedPlan {

    private static final Comparator<FeedSlot> BY_KEY = Comparator.comparing(FeedSlot::idempotencyKey);

    private final SortedMap<String, List<FeedSlot>> slotsByUser = new TreeMap<>();
    private final Map<String, Long> lastSeqs = new HashMap<>();
    private final Instant at;
    private final Supplier<String> eventIds;

    /** Requests already answered (refused while planning) are left out. */
    FeedPlan(List<FeedRequest> batch, Clock clock, Supplier<String> eventIds) {
        this.at = clock.instant();
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
        // copied only once a key of this batch is to be added: most users' events carry none
        Map<String, KeyedEvent> byKey = stored;
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
                slot.append(++seq, at, eventIds.get());
                if (slot.idempotencyKey() != null) {
                    if (byKey == stored) {
                        byKey = new HashMap<>(stored);
                    }
                    byKey.put(slot.idempotencyKey(), new KeyedEvent(slot.event(), slot.fingerprint()));
                }
            }
        }
        lastSeqs.put(user, seq);
        return true;
    }

    /** Each planned user's last seq once the plan is committed; read-only. */
    Map<String, Long> lastSeqs() {
        return Collections.unmodifiableMap(lastSeqs);
    }

    /** The idempotency keys the user's events carry. */
    Set<String> keys(String user) {
        Set<String> keys = new HashSet<>();
        for (FeedSlot slot : slotsByUser.get(user)) {
            if (slot.idempotencyKey() != null) {
                keys.add(slot.idempotencyKey());
            }
        }
        return keys;
    }

    /** The user's events to insert, in seq order. */
    List<FeedSlot> appended(String user) {
        List<FeedSlot> appended = new ArrayList<>();
        addAppended(user, appended);
        return appended;
    }

    /** The user's events to insert that carry a key, in key order (the key table's lock order). */
    List<FeedSlot> keyed(String user) {
        List<FeedSlot> keyed = new ArrayList<>();
        addKeyed(user, keyed);
        return keyed;
    }

    /** Every event to insert, in the order they are inserted: by user, then seq. */
    List<FeedSlot> appended() {
        List<FeedSlot> appended = new ArrayList<>();
        for (String user : users()) {
            addAppended(user, appended);
        }
        return appended;
    }

    List<FeedSlot> keyed() {
        List<FeedSlot> keyed = new ArrayList<>();
        for (String user : users()) {
            addKeyed(user, keyed);
        }
        return keyed;
    }

    List<AgentEventPublished> appendedEvents() {
        List<FeedSlot> appended = appended();
        List<AgentEventPublished> events = new ArrayList<>(appended.size());
        for (FeedSlot slot : appended) {
            events.add(slot.event());
        }
        return events;
    }

    private void addAppended(String user, List<FeedSlot> to) {
        for (FeedSlot slot : slotsByUser.get(user)) {
            if (slot.isAppended()) {
                to.add(slot);
            }
        }
    }

    private void addKeyed(String user, List<FeedSlot> to) {
        int from = to.size();
        for (FeedSlot slot : slotsByUser.get(user)) {
            if (slot.isAppended() && slot.idempotencyKey() != null) {
                to.add(slot);
            }
        }
        if (to.size() - from > 1) {
            to.subList(from, to.size()).sort(BY_KEY);
        }
    }
}
