package dev.switchboard.gateway.node;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A node's background round: runs every period on a daemon thread of its own from the node's start (once Axon and the
 * sockets are up) to its stop. A failed round is logged and the next one tries again; nothing is retried sooner.
 */
public abstract class PeriodicJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

    private final String name;
    private final Supplier<Duration> period;
    private volatile ScheduledExecutorService timer;

    /** @param period read at each start, so a test's shorter interval is in force when the node starts */
    protected PeriodicJob(String name, Supplier<Duration> period) {
        this.name = name;
        this.period = period;
    }

    /** One round. */
    protected abstract void runOnce();

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
        long millis = period.get().toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("{} failed; the next round tries again: {}", name, e.getMessage());
        }
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
