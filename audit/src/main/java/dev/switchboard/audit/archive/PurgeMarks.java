package dev.switchboard.audit.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The writer's note that a segment's rows have left the live table: an empty {@code <base name>.purged} file next to
 * the manifest. A complete segment without it may still have rows in the table (a crash between the manifest and the
 * last delete); the next run deletes them before it archives anything else. Readers ignore these files.
 */
public final class PurgeMarks {

    private static final String SUFFIX = ".purged";

    private PurgeMarks() {}

    public static boolean isPurged(Path directory, SegmentManifest segment) {
        return Files.exists(mark(directory, segment));
    }

    public static void markPurged(Path directory, SegmentManifest segment) {
        try {
            Files.write(mark(directory, segment), new byte[0]);
            SegmentFiles.syncDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + segment.file() + " purged in " + directory, e);
        }
    }

    private static Path mark(Path directory, SegmentManifest segment) {
        return directory.resolve(SegmentNames.baseOfSegment(segment.file()) + SUFFIX);
    }
}
