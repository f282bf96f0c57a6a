package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.gateway.cluster.Announcements;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Announces committed feed events to every node on the PostgreSQL channel {@value #CHANNEL}: once per transaction,
 * the newest seq of each user it advanced (see {@link HeadsPayload}). An announcement carries no event: a listener
 * ({@link FeedChannel}) reads the events from the log, so a notification is only a hint to look now and may be lost
 * without losing anything. It is sent by a thread of its own, in commit order, so the feed writer never waits on it.
 */
@Component
class FeedNotifications implements DisposableBean {

    static final String CHANNEL = "switchboard_feed";
    private static final Logger log = LoggerFactory.getLogger(FeedNotifications.class);

    private final Announcements announcements;
    private final NodeIdentity node;
    private final ThreadPoolExecutor announcer = new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), DaemonThreads.named("feed-announcer"));

    FeedNotifications(Announcements announcements, NodeIdentity node) {
        this.announcements = announcements;
        this.node = node;
    }

    /** Called after the events' transaction committed, so a listener that reads the log finds them. Never throws. */
    void announce(List<AgentEventPublished> appended) {
        if (!announcements.supported() || appended.isEmpty()) {
            return;
        }
        Map<String, Long> heads = new LinkedHashMap<>();
        appended.forEach(event -> heads.merge(event.userId(), event.seq(), Math::max));
        try {
            announcer.execute(() -> send(heads));
        } catch (RejectedExecutionException e) {
            if (!announcer.isShutdown()) {
                log.warn("announcement queue full; other nodes catch {} users up on their next sweep", heads.size());
            }
        }
    }

    private void send(Map<String, Long> heads) {
        try {
            announcements.send(CHANNEL, HeadsPayload.encode(node.id(), heads));
        } catch (DataAccessException e) {
            log.warn(
                    "could not announce the new feed heads of {} users; other nodes catch up on their next sweep: {}",
                    heads.size(),
                    e.getMessage());
        }
    }

    @Override
    public void destroy() {
        announcer.shutdownNow();
    }
}
