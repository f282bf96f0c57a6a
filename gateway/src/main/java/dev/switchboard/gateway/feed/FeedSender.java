package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.gateway.feed.Subscriptions.Subscription;
import dev.switchboard.gateway.observability.SocketMetrics;
import dev.switchboard.gateway.protocol.ErrorCode;
import dev.switchboard.gateway.protocol.FrameCodec;
import dev.switchboard.gateway.socket.ReadySocket;
import dev.switchboard.query.feed.FeedLog;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Sends a user's feed on one socket: the {@code ready} frame, the replay after {@code lastSeq}, then live events. What
 * the socket lacks is read from the log by the {@link Backlog}, in pages as the client reads. Every method runs under
 * the socket's lock: in the engine's call or in {@link ReadySocket#whileReady}.
 */
@Component
class FeedSender {

    private final FeedLog log;
    private final FrameCodec codec;
    private final SocketMetrics metrics;
    private final Backlog backlog;

    FeedSender(FeedLog log, FrameCodec codec, SocketMetrics metrics, Backlog backlog) {
        this.log = log;
        this.codec = codec;
        this.metrics = metrics;
        this.backlog = backlog;
    }

    /**
     * Sends {@code ready} with the feed's head, then starts the replay of what the client missed: its first page now,
     * before the engine answers anything else, and the rest as the client reads. A live event arriving meanwhile
     * waits for the lock and then finds the cursor behind: it goes out after the replay, from the log.
     */
    void start(Subscription subscription, Long lastSeq) {
        ReadySocket socket = subscription.socket();
        long head = log.head(socket.userId());
        boolean beyondHead = lastSeq != null && lastSeq > head;
        subscription.cursor().startAfter(lastSeq == null || beyondHead ? head : lastSeq, head);
        subscription.ahead().replayUpTo(head);
        socket.send(codec.ready(socket.finalId(), socket.userId(), head));
        if (beyondHead) {
            socket.send(codec.error(ErrorCode.BAD_REQUEST, beyondHead(lastSeq, head), null));
        }
        backlog.pull(subscription);
    }

    /**
     * The socket stays READY and its feed goes on after the head: closing it would send a client that keeps its
     * cursor into a reconnect loop, and carrying on silently would let it skip new events as repeats of its own.
     */
    private static String beyondHead(long lastSeq, long head) {
        return "lastSeq " + lastSeq + " is beyond the newest event of this feed (seq " + head
                + "); the feed goes on after seq " + head + ", as ready says: set your cursor to it";
    }

    void sendReady(ReadySocket socket) {
        socket.send(codec.ready(socket.finalId(), socket.userId(), log.head(socket.userId())));
    }

    /**
     * Live events of the socket's user, in seq order (what one transaction appended): each goes out now if it is the
     * next one the socket lacks; the others are skipped as repeats, or read from the log after what comes before them.
     */
    void deliver(Subscription subscription, List<AgentEventPublished> events) {
        for (AgentEventPublished event : events) {
            metrics.gapFilled(subscription.cursor().learn(event.seq()));
            backlog.offer(subscription, event);
        }
        backlog.pull(subscription);
    }

    /**
     * Events a catch-up read for the socket's user ({@link CatchUps}): they go out as live ones do, unless a backlog
     * turn already waits for the socket's queue to drain (then only the cursor learns of them, and that turn reads
     * them in its time); whatever else the socket lacks it reads through the backlog.
     *
     * @param events the user's events after the lowest position among its sockets here, in seq order; null when they
     *     could not be read in the batch (another revision) and must be read through the backlog
     * @param seq the user's head as far as known (announced, or read when the events may not be all); null when the
     *     events are all there is
     */
    void catchUp(Subscription subscription, List<AgentEventPublished> events, Long seq) {
        FeedCursor cursor = subscription.cursor();
        if (events != null && !events.isEmpty()) {
            long last = events.get(events.size() - 1).seq();
            if (subscription.ahead().waiting()) {
                cursor.learn(last);
            } else {
                events.forEach(event -> backlog.offer(subscription, event));
            }
        }
        if (seq != null) {
            cursor.learn(seq);
        }
        backlog.pull(subscription);
    }

    /** Whether a catch-up to {@code seq} would send the socket anything: it is behind, or will be. */
    boolean lacks(Subscription subscription, long seq) {
        FeedCursor cursor = subscription.cursor();
        return cursor.behind() || (cursor.position() >= 0 && cursor.position() < seq);
    }

    long head(String userId) {
        return log.head(userId);
    }
}
