package dev.switchboard.gateway.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import java.sql.DatabaseMetaData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Announces committed feed events to every node on the PostgreSQL channel {@value #CHANNEL}: once per transaction,
 * the newest seq of each user it advanced (see {@link HeadsPayload}). An announcement carries no event: a listener
 * reads the events from the log, so a notification is only a hint to look now and may be lost without losing
 * anything. It is sent by a thread of its own, in commit order, so the feed writer never waits on it. The embedded
 * H2 database has no NOTIFY; there a node runs alone and needs none.
 */
@Component
class FeedNotifications implements DisposableBean {

    static final String CHANNEL = "switchboard_feed";
    private static final Logger log = LoggerFactory.getLogger(FeedNotifications.class);

    private final JdbcTemplate jdbc;
    private final NodeIdentity node;
    private final boolean supported;
    private final ThreadPoolExecutor announcer = new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), DaemonThreads.named("feed-announcer"));

    FeedNotifications(JdbcTemplate jdbc, DataSource dataSource, NodeIdentity node) {
        this.jdbc = jdbc;
        this.node = node;
        this.supported = isPostgres(dataSource);
    }

    /** Called after the events' transaction committed, so a listener that reads the log finds them. Never throws. */
    void announce(List<AgentEventPublished> appended) {
        if (!supported || appended.isEmpty()) {
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
            for (String payload : HeadsPayload.encode(node.id(), heads)) {
                jdbc.query("SELECT pg_notify(?, ?)", (ResultSetExtractor<Void>) rows -> null, CHANNEL, payload);
            }
        } catch (DataAccessException e) {
            log.warn(
                    "could not announce the new feed heads of {} users; other nodes catch up on their next sweep: {}",
                    heads.size(),
                    e.getMessage());
        }
    }

    boolean supported() {
        return supported;
    }

    @Override
    public void destroy() {
        announcer.shutdownNow();
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL"
                    .equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("could not tell which database holds the log", e);
        }
    }
}
