package dev.switchboard.gateway.retention;

import dev.switchboard.audit.retention.ArchiveResult;
import dev.switchboard.audit.retention.ArchiveSettings;
import dev.switchboard.audit.retention.Archiver;
import dev.switchboard.audit.retention.RetentionCutoffs;
import dev.switchboard.gateway.node.PeriodicJob;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Automatic retention: every interval, the node that holds the cluster's retention lock (a PostgreSQL advisory lock,
 * so one node at a time) archives what the retention periods let go, at a bounded rate, with the archive command's
 * own {@link Archiver}, and deletes the idempotency keys older than their period ({@link ExpiredIdempotencyKeys}). A
 * node that dies mid-run leaves what a crashed archive command leaves; the next run finishes it.
 */
@Component
class RetentionJob extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionProperties retention;
    private final ArchiveProperties archive;
    private final RetentionLock lock;
    private final DataSource dataSource;
    private final RetentionStatus status;
    private final Clock clock;
    private boolean vacuumChecked;

    RetentionJob(
            RetentionProperties retention,
            ArchiveProperties archive,
            DataSourceProperties database,
            RetentionLock lock,
            DataSource dataSource,
            RetentionStatus status,
            Clock clock) {
        super("retention", retention::interval);
        requireUsable(retention, archive, database);
        this.retention = retention;
        this.archive = archive;
        this.lock = lock;
        this.dataSource = dataSource;
        this.status = status;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        if (retention.enabled()) {
            if (!vacuumChecked) {
                vacuumChecked = true;
                AutovacuumCheck.warning(dataSource).ifPresent(log::warn);
            }
            lock.whileHeld(this::archiveNow);
        }
        if (retention.idempotencyKeys() != null) {
            lock.whileHeld(this::deleteExpiredKeys);
        }
    }

    /** At most what the rate allows in one interval, so a run ends before the next one is due. */
    private void deleteExpiredKeys() {
        Instant cutoff = clock.instant().minus(retention.idempotencyKeys());
        long most = Math.max(ExpiredIdempotencyKeys.BATCH, (long)
                (retention.rate() * retention.interval().toSeconds()));
        try {
            long deleted = ExpiredIdempotencyKeys.deleteStoredBefore(dataSource, cutoff, most);
            status.keysDeleted(deleted);
            if (deleted > 0) {
                log.info("retention deleted {} idempotency keys stored before {}", deleted, cutoff);
            }
        } catch (SQLException e) {
            status.keysFailed();
            throw new IllegalStateException("deleting expired idempotency keys: " + e.getMessage(), e);
        }
    }

    private void archiveNow() {
        Instant now = clock.instant();
        var cutoffs = new RetentionCutoffs(
                retention.feed() == null ? null : now.minus(retention.feed()),
                retention.connections() == null ? null : now.minus(retention.connections()));
        var archiver =
                new Archiver(dataSource, archive.dir(), ArchiveSettings.DEFAULTS.withRate(retention.rate()), status);
        status.started();
        try {
            ArchiveResult result = archiver.run(cutoffs);
            status.finished(
                    new RetentionStatus.LastRun(now, clock.instant(), result.archived(), result.deleted(), null));
            if (result.deleted() > 0) {
                log.info(
                        "retention archived {} events in {} segments to {}",
                        result.archived(),
                        result.segments(),
                        archive.dir());
            }
        } catch (RuntimeException e) {
            status.finished(new RetentionStatus.LastRun(now, clock.instant(), 0, 0, e.getMessage()));
            throw e;
        }
    }

    private static void requireUsable(
            RetentionProperties retention, ArchiveProperties archive, DataSourceProperties database) {
        if (!retention.anything()) {
            return;
        }
        String url = database.getUrl();
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("SWITCHBOARD_RETENTION_FEED, SWITCHBOARD_RETENTION_CONNECTIONS and "
                    + "SWITCHBOARD_RETENTION_IDEMPOTENCY_KEYS need PostgreSQL; the embedded database keeps every event "
                    + "and key. Unset them, or set SPRING_DATASOURCE_URL.");
        }
        if (retention.enabled() && archive.dir() == null) {
            throw new IllegalStateException("SWITCHBOARD_RETENTION_FEED or SWITCHBOARD_RETENTION_CONNECTIONS is set "
                    + "but SWITCHBOARD_ARCHIVE_DIR is not: retention moves events into archive segments, so name the "
                    + "directory they go to.");
        }
    }
}
