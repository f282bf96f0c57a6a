package dev.switchboard.gateway.availability;

import dev.switchboard.gateway.node.DaemonThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether the database that holds the log answers. A cheap {@code SELECT 1} runs periodically once the node is ready,
 * and at once when a caller met a failure that looks like a lost database. While it does not answer, readiness is
 * REFUSING_TRAFFIC (no new sockets, the load balancer looks elsewhere) and callers can refuse work that needs it
 * without waiting on the pool; when it answers again readiness goes back to ACCEPTING_TRAFFIC by itself.
 *
 * <p>A stopping node stays REFUSING: the graceful {@code Drain} turns readiness DOWN after the context announces
 * its close, and from that announcement on this class publishes nothing, so a recovery cannot undo a shutdown.
 */
@Component
public class DatabaseAvailability implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

    private final DataSource dataSource;
    private final ApplicationContext context;
    private final AvailabilityProperties properties;
    private final ScheduledExecutorService prober =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("database-probe"));
    private final AtomicBoolean probeQueued = new AtomicBoolean();
    private final Object lock = new Object();
    private volatile boolean available = true;
    /** This class turned readiness DOWN and has not turned it back UP; guarded by the lock. */
    private boolean refusing;
    /** The context is closing; guarded by the lock. */
    private boolean stopping;

    DatabaseAvailability(DataSource dataSource, ApplicationContext context, AvailabilityProperties properties) {
        this.dataSource = dataSource;
        this.context = context;
        this.properties = properties;
    }

    /** False while the last probe failed: work that needs the database should be refused rather than tried. */
    public boolean isAvailable() {
        return available;
    }

    /** A failure a caller met; when it came out of JDBC, the probe runs now rather than at its next turn. */
    public void observed(Throwable failure) {
        if (DatabaseFailures.cameFromJdbc(failure) || DatabaseFailures.isUnreachable(failure)) {
            probeSoon();
        }
    }

    /**
     * Whether a caller's failure is the database not answering, for an answer such as 503 rather than 500. A failure
     * the driver marks as a lost connection is; any other JDBC failure is decided by probing at once, on the caller's
     * thread (at most the pool's timeout, spent only on a request that failed already).
     */
    public boolean explains(Throwable failure) {
        if (DatabaseFailures.isUnreachable(failure)) {
            probeSoon();
            return true;
        }
        return DatabaseFailures.cameFromJdbc(failure) && !record(answers());
    }

    private void probeSoon() {
        if (probeQueued.compareAndSet(false, true)) {
            try {
                prober.execute(this::probe);
            } catch (RejectedExecutionException stopped) {
                probeQueued.set(false); // the node is stopping; nothing needs to know any more
            }
        }
    }

    /** Probing starts once the node is ready: during a cold start readiness belongs to Spring Boot. */
    @EventListener(ApplicationReadyEvent.class)
    void startProbing() {
        long interval = properties.databaseProbeInterval().toMillis();
        prober.scheduleWithFixedDelay(this::probe, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Published before any lifecycle bean stops, so before the Drain turns readiness DOWN. */
    @EventListener
    void contextClosing(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return; // a child context's close; this node goes on
        }
        synchronized (lock) {
            stopping = true;
        }
        prober.shutdownNow();
    }

    void probe() {
        probeQueued.set(false);
        record(answers());
    }

    /** Takes a probe's outcome and turns readiness with it; returns the outcome. */
    private boolean record(boolean answered) {
        synchronized (lock) {
            if (stopping || answered == available) {
                return answered;
            }
            available = answered;
            if (!answered) {
                log.warn("the database does not answer: readiness is DOWN until it does");
                refusing = true;
                AvailabilityChangeEvent.publish(context, this, ReadinessState.REFUSING_TRAFFIC);
            } else if (refusing) {
                log.info("the database answers again: readiness is UP");
                refusing = false;
                AvailabilityChangeEvent.publish(context, this, ReadinessState.ACCEPTING_TRAFFIC);
            }
            return answered;
        }
    }

    private boolean answers() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) properties.databaseProbeTimeout().toSeconds());
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            log.debug("database probe failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void destroy() {
        prober.shutdownNow();
    }
}
