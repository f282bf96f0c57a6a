package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.gateway.feed.Subscriptions.Subscription;
import dev.switchboard.gateway.observability.SocketMetrics;
import dev.switchboard.gateway.protocol.FrameCodec;
import dev.switchboard.gateway.socket.ReadySocket;
import dev.switchboard.query.feed.FeedLog;
import java.util.function.LongFunction;
import org.springframework.stereotype.Component;

/**
 * Sends a user's feed on one socket: the {@code ready} frame, the replay after {@code lastSeq}, then live events. Every
 * method runs under the socket's lock: in the engine's call or in {@link ReadySocket#whileReady}.
 */
@Component
class FeedSender {

    private final FeedLog log;
    private final FrameCodec codec;
    private final SocketMetrics metrics;

    FeedSender(FeedLog log, FrameCodec codec, SocketMetrics metrics) {
        this.log = log;
        this.codec = codec;
        this.metrics = metrics;
    }

    /**
     * Sends {@code ready} with the feed's head and replays what the client missed. A live event arriving meanwhile
     * waits for the lock and then finds the cursor past the replay: nothing is lost or sent twice.
     */
    void start(Subscription subscription, Long lastSeq) {
        ReadySocket socket = subscription.socket();
        FeedCursor cursor = subscription.cursor();
        long head = log.head(socket.userId());
        cursor.startAfter(lastSeq == null ? head : Math.min(lastSeq, head));
        socket.send(codec.ready(socket.finalId(), socket.userId(), head));
        long from = cursor.position();
        cursor.catchUp(head, missed(socket), event -> socket.send(frame(event)));
        metrics.replayedOnResume(cursor.position() - from);
    }

    void sendReady(ReadySocket socket) {
        socket.send(codec.ready(socket.finalId(), socket.userId(), log.head(socket.userId())));
    }

    /** A live event, exactly once and in order. Events sent before it were missing here: they filled a gap. */
    void deliver(Subscription subscription, AgentEventPublished event) {
        FeedCursor cursor = subscription.cursor();
        long from = cursor.position();
        cursor.admit(event, missed(subscription.socket()), next -> live(subscription.socket(), next));
        if (cursor.position() == event.seq() && from >= 0) {
            metrics.gapFilled(event.seq() - from - 1);
        }
    }

    /** Sends what the socket lacks up to {@code seq}, if it is behind. */
    void catchUp(Subscription subscription, long seq) {
        FeedCursor cursor = subscription.cursor();
        if (cursor.position() < 0 || cursor.position() >= seq) {
            return;
        }
        cursor.catchUp(seq, missed(subscription.socket()), next -> live(subscription.socket(), next));
    }

    long head(String userId) {
        return log.head(userId);
    }

    private LongFunction<Iterable<AgentEventPublished>> missed(ReadySocket socket) {
        return seq -> log.after(socket.userId(), seq);
    }

    private void live(ReadySocket socket, AgentEventPublished event) {
        String frame = frame(event);
        metrics.delivered(event.at());
        socket.send(frame);
    }

    private String frame(AgentEventPublished event) {
        return codec.event(event.seq(), event.runId(), event.event(), event.data());
    }
}
