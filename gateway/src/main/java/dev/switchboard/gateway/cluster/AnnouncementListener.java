package dev.switchboard.gateway.cluster;

import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on every {@link AnnouncementChannel} (the feed's new heads, the closes recorded for sockets on other nodes)
 * on one connection of its own, and hands what it hears to each channel in commit order. A dropped connection is
 * reopened with backoff; since announcements made meanwhile are lost, every (re)connect is followed by each channel's
 * look again ({@link AnnouncementChannel#missedSome()}).
 */
@Component
public class AnnouncementListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnnouncementListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    /** A half-open TCP connection never errors while only read from: a query now and then finds it out. */
    private static final long CHECK_WHEN_SILENT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Announcements announcements;
    /** By name, so the LISTENs run in one order: {@code switchboard_feed} last. */
    private final Map<String, AnnouncementChannel> channels = new TreeMap<>();

    private final ListenerConnections connections;
    private final ClusterProperties properties;
    private final Object pause = new Object();
    private volatile boolean running;
    private Thread thread;

    AnnouncementListener(
            Announcements announcements,
            List<AnnouncementChannel> channels,
            DataSourceProperties database,
            ClusterProperties properties,
            NodeIdentity node) {
        this.announcements = announcements;
        channels.forEach(channel -> this.channels.put(channel.name(), channel));
        this.connections = new ListenerConnections(database, node.id());
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!announcements.supported()) {
            log.info("the database has no LISTEN/NOTIFY (embedded H2): a single node needs no announcement listener");
            return;
        }
        running = true;
        thread = DaemonThreads.named("announcement-listener").newThread(this::listen);
        thread.start();
    }

    private void listen() {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (running) {
            try (Connection connection = connections.open()) {
                try (Statement statement = connection.createStatement()) {
                    for (String channel : channels.keySet()) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                backoff = FIRST_BACKOFF_MILLIS;
                log.info("listening for announcements on {}", channels.keySet());
                channels.values().forEach(this::lookAgain);
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn(
                        "announcement listener lost its database connection ({}); reconnecting in {} ms",
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

    /** Each channel hears its payloads of the batch at once, in the order they came; a failing channel costs only its own. */
    private void dispatch(PGNotification[] batch) {
        Map<String, List<String>> byChannel = new LinkedHashMap<>();
        for (PGNotification notification : batch) {
            byChannel
                    .computeIfAbsent(notification.getName(), name -> new ArrayList<>())
                    .add(notification.getParameter());
        }
        byChannel.forEach((name, payloads) -> {
            AnnouncementChannel channel = channels.get(name);
            try {
                channel.heard(payloads);
            } catch (RuntimeException e) {
                log.warn(
                        "announcements on {} could not be handled; its next look catches up: {}", name, e.getMessage());
            }
        });
    }

    private void lookAgain(AnnouncementChannel channel) {
        try {
            channel.missedSome();
        } catch (RuntimeException e) {
            log.warn(
                    "{} could not look again after (re)connecting; its periodic check will: {}",
                    channel.name(),
                    e.getMessage());
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
