package dev.switchboard.gateway.socket;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.gateway.observability.SocketMetrics;
import dev.switchboard.gateway.protocol.FrameCodec;
import dev.switchboard.query.feed.FeedLog;
import org.springframework.stereotype.Component;

/** Sends a user's feed on one socket: the {@code ready} frame, the replay after {@code lastSeq}, then live events. */
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
     * Sends {@code ready} with the feed's head and replays what the client missed. Callers hold the lock, so a live
     * event arriving meanwhile waits and then finds the cursor past the replay: nothing is lost or sent twice.
     */
    void start(SocketSession session, Long lastSeq) {
        long head = log.head(session.userId());
        session.startFeedAfter(lastSeq == null ? head : Math.min(lastSeq, head));
        session.send(codec.ready(session.finalId(), session.userId(), head));
        long from = session.cursor();
        session.catchUp(head, seq -> log.after(session.userId(), seq), this::frame);
        metrics.replayedOnResume(session.cursor() - from);
    }

    void sendReady(SocketSession session) {
        session.send(codec.ready(session.finalId(), session.userId(), log.head(session.userId())));
    }

    /** A live event; callers hold the lock. Events sent before it were missing here: they filled a gap. */
    void deliver(SocketSession session, AgentEventPublished event) {
        long from = session.cursor();
        session.deliver(event, seq -> log.after(session.userId(), seq), this::liveFrame);
        if (session.cursor() == event.seq() && from >= 0) {
            metrics.gapFilled(event.seq() - from - 1);
        }
    }

    /** Sends what the socket lacks up to {@code seq}, if it is READY and behind; callers hold the lock. */
    void catchUp(SocketSession session, long seq) {
        if (session.phase() != SocketSession.Phase.READY || session.cursor() < 0 || session.cursor() >= seq) {
            return;
        }
        session.catchUp(seq, after -> log.after(session.userId(), after), this::liveFrame);
    }

    long head(String userId) {
        return log.head(userId);
    }

    private String liveFrame(AgentEventPublished event) {
        String frame = frame(event);
        metrics.delivered(event.at());
        return frame;
    }

    private String frame(AgentEventPublished event) {
        return codec.event(event.seq(), event.runId(), event.event(), event.data());
    }
}
