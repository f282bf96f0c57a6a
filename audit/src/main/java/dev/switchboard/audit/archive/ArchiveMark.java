package dev.switchboard.audit.archive;

import java.time.Instant;

/**
 * The database's note that an archive segment's rows left the live table (table {@code archive_mark}): where they went
 * and what they span, so a reader of the table alone knows what it is missing.
 *
 * @param segmentFile the segment's file name, as its manifest names it
 * @param archiveDir the archive directory as the archive run was given it
 * @param fromPosition the segment's first position
 * @param toPosition its last position
 * @param fromTime its earliest event time, ISO-8601
 * @param toTime its latest, ISO-8601
 * @param events how many rows the segment holds
 * @param markedAt when the run marked it, right before deleting its first row
 */
public record ArchiveMark(
        String segmentFile,
        String archiveDir,
        long fromPosition,
        long toPosition,
        String fromTime,
        String toTime,
        long events,
        Instant markedAt) {}
