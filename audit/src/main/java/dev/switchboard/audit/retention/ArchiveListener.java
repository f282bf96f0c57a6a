package dev.switchboard.audit.retention;

import dev.switchboard.audit.archive.SegmentManifest;

/** Follows an archive run: for progress (a command's output, a node's metrics) and for tests that stop it midway. */
public interface ArchiveListener {

    /** Points where a crash leaves the archive and the table in a distinct state. */
    enum Point {
        /** A segment file is written and verified; its manifest is not. */
        SEGMENT_WRITTEN,
        /** A segment's manifest is written; none of its rows is deleted yet. */
        MANIFEST_WRITTEN,
        /** One batch of a segment's rows is deleted. */
        BATCH_DELETED,
        /** Every row of a segment is deleted and the segment marked so. */
        SEGMENT_PURGED
    }

    default void reached(Point point) {}

    default void segmentArchived(SegmentManifest segment) {}

    default void rowsDeleted(int rows) {}

    ArchiveListener NONE = new ArchiveListener() {};
}
