package dev.switchboard.gateway.observability;

import dev.switchboard.api.registry.ConnectionCount;
import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The registry's connections by state and node, counted on a timer of this class: one reading shared by the
 * connections gauge and the console's live view, so the database sees one query however many read it. It counts
 * every {@code gaugeRefresh}, and every {@code liveRefresh} while at least one {@link #watch() watch} is open.
 */
@Component
public class RegistryCounts implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistryCounts.class);

    /** @param counts ordered by node, then state; closed connections included */
    public record Reading(Instant at, List<ConnectionCount> counts) {}

    /** An open watch; closing it twice is harmless. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private final ConnectionRegistry registry;
    private final ObservabilityProperties properties;
    private final Clock clock;
    private final List<Consumer<Reading>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger watchers = new AtomicInteger();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("registry-counts"));
    private volatile Reading latest;
    private long lastReadNanos; // only the timer thread touches it

    RegistryCounts(ConnectionRegistry registry, ObservabilityProperties properties, Clock clock) {
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    /** The last reading; empty until the first count succeeded. */
    public Optional<Reading> latest() {
        return Optional.ofNullable(latest);
    }

    /** Told, on the timer's thread, of every reading that differs from the one before; must not block. */
    public void onChange(Consumer<Reading> listener) {
        listeners.add(listener);
    }

    /** Counts every {@code liveRefresh} until the returned handle is closed (once; later calls do nothing). */
    public Watch watch() {
        watchers.incrementAndGet();
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                watchers.decrementAndGet();
            }
        };
    }

    @Override
    public void afterPropertiesSet() {
        long tick = Math.min(
                properties.gaugeRefresh().toMillis(), properties.liveRefresh().toMillis());
        timer.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        boolean due = latest == null
                || watchers.get() > 0
                || System.nanoTime() - lastReadNanos
                        >= properties.gaugeRefresh().toNanos();
        if (!due) {
            return;
        }
        try {
            read();
        } catch (RuntimeException e) {
            // the last reading stands; the scheduler would otherwise drop the task for good
            log.debug("could not count the registry's connections: {}", e.getMessage());
        }
    }

    void read() {
        List<ConnectionCount> counts = registry.countByStateAndNode();
        lastReadNanos = System.nanoTime();
        Reading previous = latest;
        Reading reading = new Reading(clock.instant(), counts);
        latest = reading;
        if (previous == null || !previous.counts().equals(counts)) {
            listeners.forEach(listener -> listener.accept(reading));
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
