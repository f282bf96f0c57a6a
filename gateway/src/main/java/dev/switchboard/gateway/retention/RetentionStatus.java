package dev.switchboard.gateway.retention;

import dev.switchboard.audit.archive.SegmentManifest;
import dev.switchboard.audit.retention.ArchiveListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * What retention did on this node, for the metrics and the console: rows archived and deleted and segments written as
 * they happen, and how the last run went.
 */
@Component
public class RetentionStatus implements ArchiveListener {

    /** The last run this node did or tried; {@code error} is null when it succeeded. */
    public record LastRun(Instant startedAt, Instant finishedAt, long archived, long deleted, String error) {}

    private final Counter archived;
    private final Counter deleted;
    private final Counter segments;
    private final Counter failures;
    private final Counter keysDeleted;
    private final AtomicLong lastSuccess = new AtomicLong();
    private volatile boolean running;
    private volatile LastRun lastRun;

    RetentionStatus(MeterRegistry meters) {
        this.archived = Counter.builder("switchboard.retention.archived")
                .description("Event rows this node wrote to archive segments")
                .baseUnit("events")
                .register(meters);
        this.deleted = Counter.builder("switchboard.retention.deleted")
                .description("Archived event rows this node deleted from the live table")
                .baseUnit("events")
                .register(meters);
        this.segments = Counter.builder("switchboard.retention.segments")
                .description("Archive segments this node wrote")
                .register(meters);
        this.failures = Counter.builder("switchboard.retention.failures")
                .description("Retention runs on this node that stopped on an error")
                .register(meters);
        this.keysDeleted = Counter.builder("switchboard.retention.idempotency.keys.deleted")
                .description("Idempotency keys this node deleted for being older than their retention period")
                .baseUnit("keys")
                .register(meters);
        meters.gauge("switchboard.retention.last.success", lastSuccess, AtomicLong::get);
    }

    @Override
    public void segmentArchived(SegmentManifest segment) {
        archived.increment(segment.events());
        segments.increment();
    }

    @Override
    public void rowsDeleted(int rows) {
        deleted.increment(rows);
    }

    void started() {
        running = true;
    }

    void finished(LastRun run) {
        running = false;
        lastRun = run;
        if (run.error() == null) {
            lastSuccess.set(run.finishedAt().getEpochSecond());
        } else {
            failures.increment();
        }
    }

    void keysDeleted(long keys) {
        keysDeleted.increment(keys);
    }

    /** A key deletion that stopped on an error counts as a failed retention run. */
    void keysFailed() {
        failures.increment();
    }

    public double keysDeletedTotal() {
        return keysDeleted.count();
    }

    public boolean running() {
        return running;
    }

    public LastRun lastRun() {
        return lastRun;
    }

    public double archivedTotal() {
        return archived.count();
    }

    public double deletedTotal() {
        return deleted.count();
    }
}
