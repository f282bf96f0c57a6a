package dev.switchboard.audit.retention;

/**
 * How an archive run paces itself.
 *
 * @param segmentEvents rows per segment at most
 * @param deleteBatch rows deleted per transaction
 * @param windowPositions positions of the log read per query while looking for archivable rows
 * @param maxEventsPerSecond rows deleted per second at most; 0 for as fast as the database goes
 * @param writers segments encoded, compressed and verified at once, each on a thread of its own
 */
public record ArchiveSettings(
        int segmentEvents, int deleteBatch, int windowPositions, double maxEventsPerSecond, int writers) {

    /** Writers: the cores, up to 4; beyond that PostgreSQL's side of the run (the selection, the deletes) limits it. */
    public static final ArchiveSettings DEFAULTS = new ArchiveSettings(
            20_000, 500, 50_000, 0, Math.min(4, Runtime.getRuntime().availableProcessors()));

    public ArchiveSettings {
        if (segmentEvents < 1 || deleteBatch < 1 || windowPositions < 1 || maxEventsPerSecond < 0 || writers < 1) {
            throw new IllegalArgumentException("archive settings must be positive: " + segmentEvents + ", "
                    + deleteBatch + ", " + windowPositions + ", " + maxEventsPerSecond + ", " + writers);
        }
    }

    public ArchiveSettings withRate(double eventsPerSecond) {
        return new ArchiveSettings(segmentEvents, deleteBatch, windowPositions, eventsPerSecond, writers);
    }

    public ArchiveSettings withWriters(int count) {
        return new ArchiveSettings(segmentEvents, deleteBatch, windowPositions, maxEventsPerSecond, count);
    }
}
