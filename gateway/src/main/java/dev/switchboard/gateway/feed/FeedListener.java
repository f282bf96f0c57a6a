package dev.switchboard.gateway.feed;

import dev.switchboard.gateway.cluster.ClusterProperties;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens for feed announcements on a connection of its own and hands each head another node announced to the
 * {@link CatchUps}, which let this node's sockets of that user catch up from the log. The node's own announcements are
 * skipped: its {@link LocalFanOut} delivers its own events, and reading them from the log again would double the work
 * of a busy node just when it can least afford it. A dropped connection is reopened with backoff; since announcements
 * made meanwhile are lost, every (re)connect is followed by a catch-up of all local sockets.
 */
@Component
class FeedListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    /** A half-open TCP connection never errors while only read from: a query now and then finds it out. */
    private static final long CHECK_WHEN_SILENT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final FeedNotifications notifications;
    private final CatchUps catchUps;
    private final ListenerConnections connections;
    private final ClusterProperties properties;
    private final String nodeId;
    private final Object pause = new Object();
    private volatile boolean running;
    private Thread thread;

    FeedListener(
            FeedNotifications notifications,
            CatchUps catchUps,
            DataSourceProperties database,
            ClusterProperties properties,
            NodeIdentity node) {
        this.notifications = notifications;
        this.catchUps = catchUps;
        this.connections = new ListenerConnections(database, node.id());
        this.nodeId = node.id();
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!notifications.supported()) {
            log.info("the database has no LISTEN/NOTIFY (embedded H2): a single node needs no feed listener");
            return;
        }
        running = true;
        thread = DaemonThreads.named("feed-listener").newThread(this::listen);
        thread.start();
    }

    private void listen() {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (running) {
            try (Connection connection = connections.open()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + FeedNotifications.CHANNEL);
                }
                backoff = FIRST_BACKOFF_MILLIS;
                log.info("listening for feed announcements");
                catchUpAll();
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn(
                        "feed listener lost its database connection ({}); reconnecting in {} ms",
                        e.getMessage(),
                        backoff);
                pause(backoff);
                backoff = Math.min(backoff * 2, properties.listenerMaxBackoff().toMillis());
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection listening = connection.unwrap(PGConnection.class);
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] batch = listening.getNotifications(POLL_MILLIS);
            if (batch != null && batch.length > 0) {
                lastHeard = System.nanoTime();
                dispatch(batch);
            } else if (System.nanoTime() - lastHeard > CHECK_WHEN_SILENT_NANOS) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    /**
     * Only the newest seq per user matters: catching up to it brings every earlier one along. Users this node holds
     * no socket of are dropped before anything is queued or read.
     */
    private void dispatch(PGNotification[] batch) {
        Map<String, Long> newest = new HashMap<>();
        for (PGNotification notification : batch) {
            String payload = notification.getParameter();
            if (!nodeId.equals(HeadsPayload.origin(payload))) {
                HeadsPayload.decode(payload).forEach((user, seq) -> newest.merge(user, seq, Math::max));
            }
        }
        newest.forEach(catchUps::catchUp);
    }

    private void catchUpAll() {
        try {
            catchUps.catchUpAll();
        } catch (RuntimeException e) {
            log.warn("catch-up after (re)connecting failed; the sweep will retry: {}", e.getMessage());
        }
    }

    private void pause(long millis) {
        synchronized (pause) {
            try {
                pause.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(2 * POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
