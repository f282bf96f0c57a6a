package dev.switchboard.audit.archive;

/**
 * What a complete segment holds: written next to it only after the segment was written, synced, re-read and checked.
 *
 * @param format the format's version, {@value #FORMAT}
 * @param file the segment's file name in the same directory
 * @param fromPosition the first row's global index
 * @param toPosition the last row's global index (rows in between may be missing: retention kept them in the table)
 * @param fromTime the earliest row time, ISO-8601
 * @param toTime the latest row time, ISO-8601
 * @param events how many rows the segment holds
 * @param sha256 lowercase hex of the SHA-256 of the segment file's bytes
 * @param index the segment's {@link StreamIndex} file in the same directory; null in format 1, written before it
 * @param indexSha256 lowercase hex of the SHA-256 of the index file's bytes; null in format 1
 */
public record SegmentManifest(
        int format,
        String file,
        long fromPosition,
        long toPosition,
        String fromTime,
        String toTime,
        long events,
        String sha256,
        String index,
        String indexSha256) {

    /**
     * The format written: 3 writes zstd frames of rows whose byte columns are text ({@link SegmentFormat#ZSTD_TEXT});
     * 2 (gzip members, base64) and 1 (2 without the stream index, each segment read in full) are still read.
     */
    public static final int FORMAT = 3;

    public static final int ZSTD = 3;

    public static final int GZIP_WITH_INDEX = 2;

    public static final int WITHOUT_INDEX = 1;

    /** Whether this segment names a stream index. */
    public boolean hasIndex() {
        return index != null;
    }

    /** Whether this segment's range meets the positions after {@code afterPosition} up to {@code upToPosition}. */
    public boolean overlaps(long afterPosition, long upToPosition) {
        return toPosition > afterPosition && fromPosition <= upToPosition;
    }
}
