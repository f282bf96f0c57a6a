package dev.switchboard.gateway.retention;

import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/retention} (admin): this node's retention settings and what it has archived, for the console. */
@RestController
class RetentionController {

    /** Durations as ISO-8601 ({@code P7D}), null for keep forever; counts since this node started. */
    record Page(
            boolean enabled,
            Duration feed,
            Duration connections,
            Duration idempotencyKeys,
            String archiveDir,
            boolean running,
            long archived,
            long deleted,
            long idempotencyKeysDeleted,
            RetentionStatus.LastRun lastRun) {}

    private final RetentionProperties retention;
    private final ArchiveProperties archive;
    private final RetentionStatus status;

    RetentionController(RetentionProperties retention, ArchiveProperties archive, RetentionStatus status) {
        this.retention = retention;
        this.archive = archive;
        this.status = status;
    }

    @GetMapping("/api/retention")
    Page retention() {
        return new Page(
                retention.enabled(),
                retention.feed(),
                retention.connections(),
                retention.idempotencyKeys(),
                archive.dir() == null ? null : archive.dir().toString(),
                status.running(),
                (long) status.archivedTotal(),
                (long) status.deletedTotal(),
                (long) status.keysDeletedTotal(),
                status.lastRun());
    }
}
