package dev.switchboard.gateway.feed;

import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.gateway.feed.Subscriptions.Subscription;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Delivers a committed feed event to the user's READY connections on this node. The registry decides who may receive
 * it; the {@link Subscriptions} only say where the socket is. Delivery is asynchronous: a slow client holds up its own
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

    void deliver(AgentEventPublished event) {
        execute(() -> deliverNow(event), event.userId(), event.seq());
    }

    /**
     * Another node appended {@code seq} to the user's feed and announced it: this node's sockets of the user that
     * are behind it read what they lack from the log. Nothing is read when this node holds no socket of the user.
     */
    void catchUp(String userId, long seq) {
        execute(
                () -> subscriptions.all().stream()
                        .filter(subscription -> userId.equals(subscription.userId()))
                        .forEach(subscription -> locked(subscription, () -> feed.catchUp(subscription, seq))),
                userId,
                seq);
    }

    /**
     * Brings every socket here up to its user's feed head, on the caller's thread: the safety net for announcements
     * that were lost, so a lost one delays an event instead of losing it.
     *
     * @return how many users' feeds were checked
     */
    int catchUpAll() {
        Map<String, List<Subscription>> byUser =
                subscriptions.all().stream().collect(Collectors.groupingBy(Subscription::userId));
        byUser.forEach((userId, ofUser) -> {
            long head = feed.head(userId);
            ofUser.forEach(subscription -> locked(subscription, () -> feed.catchUp(subscription, head)));
        });
        return byUser.size();
    }

    private void execute(Runnable delivery, String userId, long seq) {
        try {
            pool.execute(delivery);
        } catch (RejectedExecutionException e) {
            log.warn("fan-out queue full; feed event {} of user {} waits for the next event or a resume", seq, userId);
        }
    }

    private void deliverNow(AgentEventPublished event) {
        for (ConnectionView connection : registry.ofUser(event.userId(), ConnectionState.READY)) {
            if (node.id().equals(connection.nodeId())) {
                subscriptions
                        .get(connection.preliminaryId())
                        .ifPresent(subscription -> locked(subscription, () -> feed.deliver(subscription, event)));
            }
        }
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
