package dev.switchboard.gateway.feed;

import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.gateway.feed.Subscriptions.Subscription;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Delivers committed feed events to their users' READY connections on this node. The {@link Subscriptions} find a
 * user's sockets here by an index, so the work grows with the users an event touches, not with the sockets the node
 * holds; the registry decides which of them may receive it, on live delivery and on catch-up alike, so no event
 * committed after a connection's close reaches it, even while its socket, closed on another node, is still open here. Delivery is asynchronous: a slow client holds up its own
 * socket, not the publisher. An event this pool cannot take is not lost: the next event, the periodic
 * {@link CatchUpSweep} or a resume fills the gap from the log.
 */
@Component
class LocalFanOut implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalFanOut.class);

    private final ConnectionRegistry registry;
    private final Subscriptions subscriptions;
    private final FeedSender feed;
    private final NodeIdentity node;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(
            2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), DaemonThreads.named("feed-fan-out"));

    LocalFanOut(ConnectionRegistry registry, Subscriptions subscriptions, FeedSender feed, NodeIdentity node) {
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.feed = feed;
        this.node = node;
    }

    /**
     * Hands what one transaction appended to this node's READY sockets of its users, one task per user this node
     * holds sockets of; any other user costs a map lookup here and nothing more.
     *
     * @param appended events in log order, so each user's in seq order
     */
    void deliver(List<AgentEventPublished> appended) {
        Map<String, List<AgentEventPublished>> byUser = new LinkedHashMap<>();
        for (AgentEventPublished event : appended) {
            if (subscriptions.holds(event.userId())) {
                byUser.computeIfAbsent(event.userId(), user -> new ArrayList<>())
                        .add(event);
            }
        }
        byUser.forEach((userId, events) -> execute(
                () -> deliverNow(userId, events),
                userId,
                events.get(events.size() - 1).seq()));
    }

    /**
     * Another node appended up to {@code seq} to the user's feed and announced it: this node's sockets of the user
     * that are behind it read what they lack from the log. Nothing is queued or read when this node holds no socket
     * of the user.
     */
    void catchUp(String userId, long seq) {
        if (subscriptions.holds(userId)) {
            execute(() -> catchUpNow(userId, seq), userId, seq);
        }
    }

    /**
     * Brings every socket here up to its user's feed head, on the caller's thread: the safety net for announcements
     * that were lost, so a lost one delays an event instead of losing it.
     *
     * @return how many users' feeds were checked
     */
    int catchUpAll() {
        int users = 0;
        for (String userId : subscriptions.users()) {
            catchUpNow(userId, feed.head(userId));
            users++;
        }
        return users;
    }

    /** Only sockets behind {@code seq} cost a read of the registry, so a sweep that finds all caught up reads none. */
    private void catchUpNow(String userId, long seq) {
        List<Subscription> behind = subscriptions.ofUser(userId).stream()
                .filter(subscription -> lacks(subscription, seq))
                .toList();
        if (behind.isEmpty()) {
            return;
        }
        Set<String> ready = readyHere(userId);
        for (Subscription subscription : behind) {
            if (ready.contains(subscription.socket().connectionId())) {
                locked(subscription, () -> feed.catchUp(subscription, seq));
            }
        }
    }

    private boolean lacks(Subscription subscription, long seq) {
        AtomicBoolean lacks = new AtomicBoolean();
        locked(subscription, () -> lacks.set(feed.lacks(subscription, seq)));
        return lacks.get();
    }

    private void execute(Runnable delivery, String userId, long seq) {
        try {
            pool.execute(delivery);
        } catch (RejectedExecutionException e) {
            if (!pool.isShutdown()) {
                log.warn(
                        "fan-out queue full; feed event {} of user {} waits for the next event or a resume",
                        seq,
                        userId);
            }
        }
    }

    /** The registry decides which of the user's sockets here may receive: one read per user and transaction. */
    private void deliverNow(String userId, List<AgentEventPublished> events) {
        Collection<Subscription> here = subscriptions.ofUser(userId);
        if (here.isEmpty()) {
            return;
        }
        Set<String> ready = readyHere(userId);
        for (Subscription subscription : here) {
            if (ready.contains(subscription.socket().connectionId())) {
                locked(subscription, () -> feed.deliver(subscription, events));
            }
        }
    }

    /** The user's connections that the registry holds READY on this node, by preliminary id. */
    private Set<String> readyHere(String userId) {
        return registry.ofUser(userId, ConnectionState.READY).stream()
                .filter(connection -> node.id().equals(connection.nodeId()))
                .map(ConnectionView::preliminaryId)
                .collect(Collectors.toSet());
    }

    /** A client that cannot keep up is closed by the socket engine; any other failure costs this delivery only. */
    private void locked(Subscription subscription, Runnable send) {
        try {
            subscription.socket().whileReady(send);
        } catch (RuntimeException e) {
            log.warn(
                    "delivery to connection {} failed: {}",
                    subscription.socket().connectionId(),
                    e.getMessage());
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
