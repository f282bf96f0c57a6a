package dev.switchboard.gateway.feed;

import dev.switchboard.gateway.cluster.ClusterProperties;
import dev.switchboard.gateway.node.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The slow safety net under the feed announcements: every few seconds each READY socket on this node that is behind
 * its user's feed head catches up from the log. An announcement that was lost (a dropped listener connection, a full
 * fan-out queue) then delays an event by at most one interval; it never loses it.
 */
@Component
class CatchUpSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatchUpSweep.class);

    private final LocalFanOut fanOut;
    private final ClusterProperties properties;
    private volatile ScheduledExecutorService timer;

    CatchUpSweep(LocalFanOut fanOut, ClusterProperties properties) {
        this.fanOut = fanOut;
        this.properties = properties;
    }

    /** @return how many users' feeds were checked */
    int sweep() {
        return fanOut.catchUpAll();
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("feed-catch-up"));
        long period = properties.catchUpInterval().toMillis();
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        sweep();
                    } catch (RuntimeException e) {
                        log.warn("feed catch-up failed; the next round tries again: {}", e.getMessage());
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
