package dev.switchboard.gateway.feed;

import dev.switchboard.gateway.feed.Subscriptions.Subscription;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.privacy.PersonalData;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Brings this node's sockets of a user up to a seq the log is known to hold, reading what they lack from the log: when
 * another node announces that it appended to the user's feed ({@link FeedChannel}), and for every user at once as the
 * safety net under lost announcements and full queues ({@link CatchUpSweep}, and after the listener reconnects). A
 * socket that already has everything costs a comparison of two numbers.
 */
@Component
class CatchUps implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CatchUps.class);

    private final Subscriptions subscriptions;
    private final FeedSender feed;
    private final ConnectionRegistry registry;
    private final NodeIdentity node;
    private final PersonalData personalData;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(
            2,
            2,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000),
            DaemonThreads.named("feed-catch-up-announced"));

    CatchUps(
            Subscriptions subscriptions,
            FeedSender feed,
            ConnectionRegistry registry,
            NodeIdentity node,
            PersonalData personalData) {
        this.subscriptions = subscriptions;
        this.registry = registry;
        this.node = node;
        this.feed = feed;
        this.personalData = personalData;
    }

    /**
     * Another node appended up to {@code seq} to the user's feed: this node's sockets of the user that are behind it
     * read what they lack, on a thread of this class. Nothing is queued or read when this node holds no socket of the
     * user.
     */
    void catchUp(String userId, long seq) {
        if (!subscriptions.holds(userId)) {
            return;
        }
        try {
            pool.execute(() -> catchUpNow(userId, seq));
        } catch (RejectedExecutionException e) {
            if (!pool.isShutdown()) {
                log.warn(
                        "catch-up queue full; the sockets of {} catch up to {} on the next sweep",
                        personalData.user(userId),
                        seq);
            }
        }
    }

    /**
     * Brings every socket here up to its user's feed head, on the caller's thread.
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

    /**
     * Sends only to connections the registry holds READY on this node, as live delivery does, so no event committed
     * after a connection's close reaches it, even while its socket, closed on another node, is still open here. Only
     * sockets behind {@code seq} cost a read of the registry, so a sweep that finds all caught up reads none.
     */
    private void catchUpNow(String userId, long seq) {
        List<Subscription> behind = subscriptions.ofUser(userId).stream()
                .filter(subscription -> lacks(subscription, seq))
                .toList();
        if (behind.isEmpty()) {
            return;
        }
        Set<String> ready = registry.readyOnNode(node.id(), List.of(userId));
        for (Subscription subscription : behind) {
            if (ready.contains(subscription.socket().connectionId())) {
                subscription.whileReady(() -> feed.catchUp(subscription, seq));
            }
        }
    }

    private boolean lacks(Subscription subscription, long seq) {
        AtomicBoolean lacks = new AtomicBoolean();
        subscription.whileReady(() -> lacks.set(feed.lacks(subscription, seq)));
        return lacks.get();
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
