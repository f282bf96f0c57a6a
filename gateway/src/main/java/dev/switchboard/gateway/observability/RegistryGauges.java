package dev.switchboard.gateway.observability;

import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.rebuild.RegistryRebuilds;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database on timers, never by a scrape: a scraper polling every node every few seconds must not
 * become a load on the primary, and a database outage must not make the scrape hang. The connection counts are
 * {@link RegistryCounts}' reading, which the console shares.
 */
@Component
class RegistryGauges implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistryGauges.class);

    private final RegistryRebuilds rebuilds;
    private final ObservabilityProperties properties;
    private final MultiGauge connections;
    private final AtomicLong lag = new AtomicLong();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("metrics-gauges"));

    RegistryGauges(
            RegistryCounts counts,
            RegistryRebuilds rebuilds,
            ObservabilityProperties properties,
            MeterRegistry meters) {
        this.rebuilds = rebuilds;
        this.properties = properties;
        this.connections = MultiGauge.builder("switchboard.connections")
                .description("Connections in the registry by state and node, as of the last refresh")
                .register(meters);
        counts.onChange(this::show);
        Gauge.builder("switchboard.registry.lag", lag, AtomicLong::get)
                .description("Log positions the live registry is behind the log's head, as of the last refresh")
                .register(meters);
    }

    @Override
    public void afterPropertiesSet() {
        long lagEvery = properties.lagRefresh().toMillis();
        timer.scheduleWithFixedDelay(
                () -> guarded("registry lag", this::refreshLag), 0, lagEvery, TimeUnit.MILLISECONDS);
    }

    private void show(RegistryCounts.Reading reading) {
        // overwrite: a state or node with no connections left disappears instead of repeating its last count
        connections.register(
                reading.counts().stream()
                        .map(count -> MultiGauge.Row.of(
                                Tags.of("state", count.state().name(), "node", count.nodeId()), count.count()))
                        .toList(),
                true);
    }

    void refreshLag() {
        long position = rebuilds.livePosition(); // before the head, as the API reads them: never a negative lag
        lag.set(Math.max(0, rebuilds.head() - position));
    }

    /** A failed refresh keeps the last values; the scheduler would otherwise drop the task for good. */
    private static void guarded(String what, Runnable refresh) {
        try {
            refresh.run();
        } catch (RuntimeException e) {
            log.debug("could not refresh the {} gauge: {}", what, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
