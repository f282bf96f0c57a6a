package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.gateway.feed.Subscriptions.Subscription;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.observability.SocketMetrics;
import dev.switchboard.gateway.protocol.FrameCodec;
import dev.switchboard.gateway.socket.GatewayProperties;
import dev.switchboard.gateway.socket.ReadySocket;
import dev.switchboard.query.feed.FeedLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends a socket the events it lacks, read from the log: the replay after a resume's {@code lastSeq}, a gap in live
 * delivery, what another node announced. It reads a page at a time ({@value #PAGE} events, keyset on seq, no further
 * than the newest seq the cursor knows of) and queues frames only while the socket's queue holds less than half its
 * limit; then it waits until the client has read it down to a quarter. So a client that reads at all gets a backlog
 * of any length, in order and once, without being closed as a slow consumer, and the node holds at most a page and
 * half a queue for it. The other half is for what comes meanwhile: the next live event, pongs, acks.
 *
 * <p>A turn reads at most one page, on the thread that called (under the socket's lock, as every method here); the
 * next turn runs on a thread of this class, when the queue has drained or at once, so no thread holds a socket's
 * lock, nor a handshake thread, for a whole backlog. A socket has one turn pending at most: a delivery that finds
 * one pending leaves its event to it.
 */
@Component
class Backlog implements DisposableBean {

    static final int PAGE = 500;

    private static final Logger log = LoggerFactory.getLogger(Backlog.class);

    private final FeedLog feed;
    private final FrameCodec codec;
    private final SocketMetrics metrics;
    private final long budget;
    private final AtomicLong readAhead = new AtomicLong();
    /** A socket has at most one turn waiting, so the queue is as long as the sockets catching up at once. */
    private final ExecutorService turns = Executors.newFixedThreadPool(2, DaemonThreads.named("feed-backlog"));

    Backlog(FeedLog feed, FrameCodec codec, SocketMetrics metrics, GatewayProperties gateway, MeterRegistry meters) {
        this.feed = feed;
        this.codec = codec;
        this.metrics = metrics;
        this.budget = gateway.sendBufferLimit().toBytes() / 2;
        Gauge.builder("switchboard.feed.backlog.events", readAhead, AtomicLong::get)
                .description("Events read from the log for sockets that are catching up, not yet queued on them")
                .register(meters);
    }

    ReadAhead newReadAhead() {
        return new ReadAhead(readAhead);
    }

    /** Sends the event now if it is the next one the socket lacks; else the cursor only learns of it. */
    void offer(Subscription subscription, AgentEventPublished event) {
        subscription.cursor().offer(event, next -> send(subscription, next, frame(next)));
    }

    /** Sends what the socket lacks, as far as its queue has room, unless a turn already waits for the queue to drain. */
    void pull(Subscription subscription) {
        if (!subscription.ahead().waiting()) {
            turn(subscription);
        }
    }

    /** Sends from at most one new page, so that no thread holds the socket's lock for a whole backlog. */
    private void turn(Subscription subscription) {
        FeedCursor cursor = subscription.cursor();
        ReadySocket socket = subscription.socket();
        ReadAhead ahead = subscription.ahead();
        boolean pageRead = false;
        while (cursor.behind()) {
            AgentEventPublished next = ahead.nextAfter(cursor.position());
            if (next == null && pageRead) {
                ahead.waiting(true);
                later(subscription);
                return;
            }
            if (next == null) {
                ahead.fill(feed.page(subscription.userId(), cursor.position(), (int) Math.min(PAGE, cursor.lacking())));
                pageRead = true;
                skipArchived(subscription);
                next = ahead.nextAfter(cursor.position());
            }
            if (next == null) {
                cursor.forgetBeyondPosition();
                break;
            }
            String frame = frame(next);
            long queued = socket.queuedBytes();
            if (queued > 0 && queued + frame.length() > budget) {
                ahead.waiting(true);
                long roomForIt = Math.max(0, Math.min(budget / 2, budget - frame.length()));
                socket.whenQueuedAtMost(roomForIt, () -> later(subscription));
                return;
            }
            cursor.offer(next, event -> send(subscription, event, frame));
            ahead.pop();
        }
        ahead.discard();
    }

    /**
     * A page read right after the cursor that starts further on: the events between are no longer in the log (the
     * archive took them; feed seqs have no holes otherwise, and a seq commits only after the one before it). The
     * client learns exactly which in a {@code gap} frame, once, before the first event after them.
     */
    private void skipArchived(Subscription subscription) {
        FeedCursor cursor = subscription.cursor();
        long first = subscription.ahead().firstSeq();
        if (first > cursor.position() + 1) {
            subscription.socket().send(codec.gap(cursor.position() + 1, first - 1));
            metrics.gapAnnounced(first - 1 - cursor.position());
            cursor.skipTo(first - 1);
        }
    }

    /** The next turn runs on one of our threads, under the socket's lock; this may be a container's write thread. */
    private void later(Subscription subscription) {
        try {
            turns.execute(() -> laterTurn(subscription));
        } catch (RejectedExecutionException e) {
            subscription.ahead().discard(); // the node is stopping and closes its sockets
        }
    }

    /** A failed read leaves the socket behind: the next delivery, announcement or sweep for its user goes on. */
    private void laterTurn(Subscription subscription) {
        try {
            subscription.socket().whileReady(() -> {
                subscription.ahead().waiting(false);
                turn(subscription);
            });
        } catch (RuntimeException e) {
            log.warn(
                    "reading the feed backlog of connection {} failed: {}",
                    subscription.socket().connectionId(),
                    e.getMessage());
        }
    }

    private void send(Subscription subscription, AgentEventPublished event, String frame) {
        if (subscription.ahead().isReplay(event)) {
            metrics.replayedOnResume(1);
        } else {
            metrics.delivered(event.at());
        }
        subscription.socket().send(frame);
    }

    private String frame(AgentEventPublished event) {
        return codec.event(event.seq(), event.runId(), event.event(), event.data());
    }

    @Override
    public void destroy() {
        turns.shutdownNow();
    }
}
