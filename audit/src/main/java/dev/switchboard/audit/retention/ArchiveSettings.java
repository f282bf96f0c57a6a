package dev.switchboard.audit.retention;

/**
 * How an archive run paces itself.
 *
 * @param segmentEvents rows per segment at most
 * @param deleteBatch rows deleted per transaction
 * @param windowPositions positions of the log read per query while looking for archivable rows
 * @param maxEventsPerSecond rows deleted per second at most; 0 for as fast as the database goes
 */
public record ArchiveSettings(int segmentEvents, int deleteBatch, int windowPositions, double maxEventsPerSecond) {

    public static final ArchiveSettings DEFAULTS = new ArchiveSettings(20_000, 500, 50_000, 0);

    public ArchiveSettings {
        if (segmentEvents < 1 || deleteBatch < 1 || windowPositions < 1 || maxEventsPerSecond < 0) {
            throw new IllegalArgumentException("archive settings must be positive: " + segmentEvents + ", "
                    + deleteBatch + ", " + windowPositions + ", " + maxEventsPerSecond);
        }
    }

    public ArchiveSettings withRate(double eventsPerSecond) {
        return new ArchiveSettings(segmentEvents, deleteBatch, windowPositions, eventsPerSecond);
    }
}
