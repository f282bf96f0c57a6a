package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.gateway.feed.Subscriptions.Subscription;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.query.feed.FeedTails;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Brings this node's sockets up to what the log holds for their users: when another node announces that it appended
 * to a user's feed ({@link FeedChannel}), and for every user at once as the safety net under lost announcements and
 * full queues ({@link CatchUpSweep}, and after the listener reconnects).
 *
 * <p>Announcements only record the newest seq per user; one thread then takes every user announced since its last
 * turn and reads the new events of all of them at once ({@link FeedTails}: one statement per 64 users), then asks
 * the registry once which of their sockets here are READY. So the cost of cross-node delivery grows with the users a
 * turn touches, not with the announcements or the sockets, and under load one read serves many announcements. A
 * socket that already has everything costs a comparison of two numbers and no read.
 */
@Component
class CatchUps implements DisposableBean {

    /** Users one turn reads at most, so a turn stays a few bounded statements. */
    static final int USERS_PER_TURN = 512;
    /** Events read per user and turn; a socket further behind reads the rest through its {@link Backlog}. */
    static final int EVENTS_PER_USER = 64;

    private static final Logger log = LoggerFactory.getLogger(CatchUps.class);

    private final Subscriptions subscriptions;
    private final FeedSender feed;
    private final FeedTails tails;
    private final ConnectionRegistry registry;
    private final NodeIdentity node;
    private final Map<String, Long> announced = new ConcurrentHashMap<>();
    private final AtomicBoolean turnPending = new AtomicBoolean();
    private final ExecutorService turns =
            Executors.newSingleThreadExecutor(DaemonThreads.named("feed-catch-up-announced"));

    CatchUps(
            Subscriptions subscriptions,
            FeedSender feed,
            FeedTails tails,
            ConnectionRegistry registry,
            NodeIdentity node) {
        this.subscriptions = subscriptions;
        this.feed = feed;
        this.tails = tails;
        this.registry = registry;
        this.node = node;
    }

    /**
     * Another node appended up to {@code seq} to the user's feed: this node's sockets of the user that are behind it
     * catch up on the next turn of this class's thread. Nothing is queued or read when this node holds no socket of
     * the user; a user announced again before its turn is read once.
     */
    void catchUp(String userId, long seq) {
        if (!subscriptions.holds(userId)) {
            return;
        }
        announced.merge(userId, seq, Math::max);
        if (turnPending.compareAndSet(false, true)) {
            try {
                turns.execute(this::turn);
            } catch (RejectedExecutionException e) {
                // the node is stopping and closes its sockets
            }
        }
    }

    /**
     * Brings every socket here up to its user's feed head, on the caller's thread: the new events of every user are
     * read in batches, so a sweep that finds everyone caught up costs one empty read per 64 users.
     *
     * @return how many users' feeds were checked
     */
    int catchUpAll() {
        List<String> users = new ArrayList<>(subscriptions.users());
        for (int from = 0; from < users.size(); from += USERS_PER_TURN) {
            Map<String, Long> heads = new HashMap<>();
            users.subList(from, Math.min(users.size(), from + USERS_PER_TURN)).forEach(user -> heads.put(user, null));
            catchUpNow(heads);
        }
        return users.size();
    }

    private void turn() {
        turnPending.set(false);
        Map<String, Long> heads = new HashMap<>();
        Iterator<Map.Entry<String, Long>> entries = announced.entrySet().iterator();
        while (entries.hasNext() && heads.size() < USERS_PER_TURN) {
            Map.Entry<String, Long> entry = entries.next();
            heads.put(entry.getKey(), entry.getValue());
            entries.remove(); // a newer announcement that raced this removal is merged in again and gets its turn
        }
        try {
            catchUpNow(heads);
        } catch (RuntimeException e) {
            log.warn(
                    "catching up {} announced users failed; the next sweep catches them up: {}",
                    heads.size(),
                    e.getMessage());
        }
        if (!announced.isEmpty() && turnPending.compareAndSet(false, true)) {
            try {
                turns.execute(this::turn);
            } catch (RejectedExecutionException e) {
                // the node is stopping
            }
        }
    }

    /**
     * Sends only to connections the registry holds READY on this node, as live delivery does, so no event committed
     * after a connection's close reaches it, even while its socket, closed on another node, is still open here. The
     * registry is read only for users with something new.
     *
     * @param heads per user, the seq another node announced, or null when unknown (a sweep)
     */
    private void catchUpNow(Map<String, Long> heads) {
        Map<String, List<Subscription>> behind = new HashMap<>();
        Map<String, Long> readAfter = new HashMap<>();
        heads.forEach((userId, seq) -> {
            for (Subscription subscription : subscriptions.ofUser(userId)) {
                long position = positionIfLacking(subscription, seq);
                if (position >= 0) {
                    behind.computeIfAbsent(userId, user -> new ArrayList<>()).add(subscription);
                    readAfter.merge(userId, position, Math::min);
                }
            }
        });
        if (behind.isEmpty()) {
            return;
        }
        Map<String, List<AgentEventPublished>> read = tails.after(readAfter, EVENTS_PER_USER);
        List<String> withNews = behind.keySet().stream()
                .filter(user -> !read.containsKey(user) || !read.get(user).isEmpty())
                .toList();
        if (withNews.isEmpty()) {
            return;
        }
        Set<String> ready = registry.readyOnNode(node.id(), withNews);
        for (String userId : withNews) {
            List<AgentEventPublished> events = read.get(userId);
            Long seq = heads.get(userId);
            if (seq == null && (events == null || events.size() >= EVENTS_PER_USER)) {
                seq = feed.head(userId); // a sweep's user with more than one read's worth: its sockets read on
            }
            Long head = seq;
            for (Subscription subscription : behind.get(userId)) {
                if (ready.contains(subscription.socket().connectionId())) {
                    subscription.whileReady(() -> feed.catchUp(subscription, events, head));
                }
            }
        }
    }

    /** The socket's position when a catch-up to {@code seq} would send it anything (any seq when null); else -1. */
    private long positionIfLacking(Subscription subscription, Long seq) {
        AtomicLong position = new AtomicLong(-1);
        subscription.whileReady(() -> {
            if (seq == null ? subscription.cursor().position() >= 0 : feed.lacks(subscription, seq)) {
                position.set(subscription.cursor().position());
            }
        });
        return position.get();
    }

    @Override
    public void destroy() {
        turns.shutdownNow();
    }
}
