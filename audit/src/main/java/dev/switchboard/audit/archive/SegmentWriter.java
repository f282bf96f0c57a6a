package dev.switchboard.audit.archive;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * Writes rows as one segment and its stream index and, once both are synced and the segment re-read and found equal to
 * the rows, its manifest. A crash at any point leaves either no manifest (the segment is incomplete: readers ignore it
 * and its index, the next run rewrites both) or a manifest over a verified segment and its index. The two steps can
 * run apart ({@link #writeVerified}, then {@link #publish}): segments are written on several threads, and published
 * one at a time in the order the archiver chose.
 */
public final class SegmentWriter {

    private SegmentWriter() {}

    /** Writes {@code rows} (non-empty, in rising position order) under {@code directory}; returns the manifest. */
    public static SegmentManifest write(Path directory, List<ArchivedRow> rows) {
        return write(directory, rows, () -> {});
    }

    /** Like {@link #write(Path, List)}, running {@code beforeManifest} once the segment is verified, before its
     * manifest exists: where a crash leaves an incomplete segment. */
    public static SegmentManifest write(Path directory, List<ArchivedRow> rows, Runnable beforeManifest) {
        VerifiedSegment segment = writeVerified(directory, rows);
        beforeManifest.run();
        return publish(segment);
    }

    /**
     * Writes and syncs the segment of {@code rows} (non-empty, in rising position order) and its stream index, and
     * reads the segment back; it stays incomplete, invisible to readers, until {@link #publish}ed.
     */
    public static VerifiedSegment writeVerified(Path directory, List<ArchivedRow> rows) {
        requireRising(rows);
        String base = SegmentNames.baseName(
                rows.get(0).globalIndex(), rows.get(rows.size() - 1).globalIndex());
        String fileName = SegmentNames.segmentFile(base);
        try {
            Files.createDirectories(directory);
            Path segment = directory.resolve(fileName);
            SegmentEncoder.Encoded written = SegmentEncoder.write(segment, rows);
            String indexFile = SegmentNames.indexFile(base);
            String indexSha256 = StreamIndex.of(
                            rows.stream().map(ArchivedRow::aggregateIdentifier).toList(), written.blockOffsets())
                    .write(directory.resolve(indexFile));
            SegmentReadBack.require(segment, written);
            return new VerifiedSegment(
                    directory, base, manifestOf(fileName, rows, written.sha256(), indexFile, indexSha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write archive segment " + fileName + " in " + directory, e);
        }
    }

    /** Writes a verified segment's manifest, making it complete; returns the manifest. */
    public static SegmentManifest publish(VerifiedSegment segment) {
        try {
            writeManifest(segment.directory(), segment.base(), segment.manifest());
            return segment.manifest();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the manifest of " + segment.manifest().file() + " in " + segment.directory(), e);
        }
    }

    private static SegmentManifest manifestOf(
            String fileName, List<ArchivedRow> rows, String sha256, String indexFile, String indexSha256) {
        Instant[] times = TimeBounds.of(rows);
        return new SegmentManifest(
                SegmentManifest.FORMAT,
                fileName,
                rows.get(0).globalIndex(),
                rows.get(rows.size() - 1).globalIndex(),
                times[0].toString(),
                times[1].toString(),
                rows.size(),
                sha256,
                indexFile,
                indexSha256);
    }

    private static void writeManifest(Path directory, String base, SegmentManifest manifest) throws IOException {
        Path manifestFile = directory.resolve(SegmentNames.manifestFile(base));
        Path temporary = directory.resolve(SegmentNames.manifestFile(base) + ".tmp");
        try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
            out.write(SegmentFiles.JSON.writeValueAsBytes(manifest));
            out.getFD().sync();
        }
        Files.move(temporary, manifestFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SegmentFiles.syncDirectory(directory);
    }

    private static void requireRising(List<ArchivedRow> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a segment holds at least one row");
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).globalIndex() <= rows.get(i - 1).globalIndex()) {
                throw new IllegalArgumentException("a segment's rows rise by position: "
                        + rows.get(i - 1).globalIndex() + " then " + rows.get(i).globalIndex());
            }
        }
    }
}
