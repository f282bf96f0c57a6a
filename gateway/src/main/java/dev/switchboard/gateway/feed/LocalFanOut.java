package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.gateway.feed.Subscriptions.Subscription;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Delivers what this node's feed writer committed to the READY sockets of its users here. One thread takes the
 * committed transactions in commit order, every one that queued since its last turn, and asks the registry once which
 * of this node's connections of the users they touch are READY: so a delivery's cost grows with the users it touches,
 * not with the sockets the node holds, and under load one registry read serves many transactions instead of each
 * user of each transaction paying its own. Delivering in commit order on one thread means a socket never receives a
 * later event before an earlier one, so it never reads the log to fill a gap that was only a reordering. Sends only
 * queue frames on the sockets, so a slow client holds up nobody but itself.
 *
 * <p>A transaction this queue cannot take, or one whose registry read fails, is not lost: the next event, the periodic
 * {@link CatchUpSweep} or a resume fills the gap from the log.
 */
@Component
class LocalFanOut implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalFanOut.class);
    /** Transactions one turn delivers at most, so that a turn's registry read stays one bounded statement or a few. */
    private static final int TRANSACTIONS_PER_TURN = 256;

    private final ConnectionRegistry registry;
    private final Subscriptions subscriptions;
    private final FeedSender feed;
    private final NodeIdentity node;
    private final BlockingQueue<List<AgentEventPublished>> committed = new ArrayBlockingQueue<>(10_000);
    private final AtomicBoolean turnPending = new AtomicBoolean();
    private final ExecutorService deliverer = Executors.newSingleThreadExecutor(DaemonThreads.named("feed-fan-out"));

    LocalFanOut(ConnectionRegistry registry, Subscriptions subscriptions, FeedSender feed, NodeIdentity node) {
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.feed = feed;
        this.node = node;
    }

    /**
     * Queues what one transaction appended for this node's sockets of its users; the events of any other user cost a
     * map lookup here and nothing more. Called by the feed writer's thread, in commit order.
     *
     * @param appended events in log order, so each user's in seq order
     */
    void deliver(List<AgentEventPublished> appended) {
        List<AgentEventPublished> held = appended.stream()
                .filter(event -> subscriptions.holds(event.userId()))
                .toList();
        if (held.isEmpty()) {
            return;
        }
        if (!committed.offer(held)) {
            log.warn(
                    "fan-out queue full; {} feed events wait for the next event of their users or the sweep",
                    held.size());
            return;
        }
        scheduleTurn();
    }

    /** At most one turn waits: the transactions queued before it runs all go out in it. */
    private void scheduleTurn() {
        if (turnPending.compareAndSet(false, true)) {
            try {
                deliverer.execute(this::turn);
            } catch (RejectedExecutionException e) {
                // the node is stopping and closes its sockets
            }
        }
    }

    private void turn() {
        turnPending.set(false);
        List<List<AgentEventPublished>> transactions = new ArrayList<>();
        committed.drainTo(transactions, TRANSACTIONS_PER_TURN);
        try {
            deliverNow(transactions);
        } catch (RuntimeException e) {
            log.warn(
                    "delivering {} committed transactions failed; their users' sockets catch up on the next sweep: {}",
                    transactions.size(),
                    e.getMessage());
        }
        if (!committed.isEmpty()) {
            scheduleTurn();
        }
    }

    /** One registry read for every user of the turn decides which of their sockets here may receive. */
    private void deliverNow(List<List<AgentEventPublished>> transactions) {
        Map<String, List<AgentEventPublished>> byUser = new LinkedHashMap<>();
        for (List<AgentEventPublished> transaction : transactions) {
            for (AgentEventPublished event : transaction) {
                byUser.computeIfAbsent(event.userId(), user -> new ArrayList<>())
                        .add(event);
            }
        }
        if (byUser.isEmpty()) {
            return;
        }
        Set<String> ready = registry.readyOnNode(node.id(), byUser.keySet());
        byUser.forEach((userId, events) -> {
            for (Subscription subscription : subscriptions.ofUser(userId)) {
                if (ready.contains(subscription.socket().connectionId())) {
                    subscription.whileReady(() -> feed.deliver(subscription, events));
                }
            }
        });
    }

    @Override
    public void destroy() {
        deliverer.shutdownNow();
    }
}
