package dev.switchboard.audit.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks a segment against its manifest: the file's SHA-256, and that its rows decode, come in rising position order
 * inside the manifest's range, start and end at its bounds, and number what it says; and its stream index, when the
 * manifest names one (formats 2 and 3): its SHA-256, that it names exactly the rows' streams by block, and that its blocks read
 * as the rows.
 */
public final class SegmentVerifier {

    private SegmentVerifier() {}

    public static void verify(Path directory, SegmentManifest manifest) {
        boolean indexed =
                manifest.format() == SegmentManifest.GZIP_WITH_INDEX || manifest.format() == SegmentManifest.ZSTD;
        boolean known = manifest.format() == SegmentManifest.WITHOUT_INDEX ? !manifest.hasIndex() : indexed;
        if (!known || (indexed && !manifest.hasIndex())) {
            throw new ArchiveCorruptException(manifest.file() + " is in archive format " + manifest.format()
                    + (manifest.hasIndex() ? " with" : " without") + " a stream index, this reader knows "
                    + SegmentManifest.WITHOUT_INDEX + " without and " + SegmentManifest.GZIP_WITH_INDEX + " and "
                    + SegmentManifest.ZSTD + " with");
        }
        SegmentFormat format = SegmentFormat.of(manifest);
        if (!manifest.file().endsWith(format.suffix())) {
            throw new ArchiveCorruptException(manifest.file() + " is in archive format " + manifest.format()
                    + ", whose segment files end with " + format.suffix());
        }
        Path segment = directory.resolve(manifest.file());
        if (!Files.isRegularFile(segment)) {
            throw new ArchiveCorruptException(manifest.file() + " is named by its manifest but missing");
        }
        String sha256 = SegmentFiles.sha256(segment);
        if (!sha256.equals(manifest.sha256())) {
            throw new ArchiveCorruptException(
                    manifest.file() + " has SHA-256 " + sha256 + ", its manifest says " + manifest.sha256());
        }
        var seen = new Tally();
        try (Stream<ArchivedRow> rows = SegmentFiles.rows(segment, format)) {
            rows.forEach(row -> seen.add(manifest, row));
        } catch (ArchiveCorruptException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ArchiveCorruptException(manifest.file() + " does not decode: " + e.getMessage(), e);
        }
        seen.check(manifest);
        if (manifest.hasIndex()) {
            verifyIndex(directory, manifest, seen);
        }
    }

    /** The index must name each stream's blocks as the rows lie, and its blocks must read as the rows, in order. */
    private static void verifyIndex(Path directory, SegmentManifest manifest, Tally seen) {
        StreamIndex index = StreamIndex.read(directory, manifest);
        if (!index.equals(StreamIndex.of(seen.streams, index.blockOffsets()))) {
            throw new ArchiveCorruptException(
                    manifest.index() + " does not name exactly the streams of " + manifest.file() + " by block");
        }
        List<Long> blocks;
        try (Stream<ArchivedRow> rows =
                SegmentFiles.rows(directory.resolve(manifest.file()), SegmentFormat.of(manifest), index.allRanges())) {
            blocks = rows.map(ArchivedRow::globalIndex).toList();
        }
        if (!blocks.equals(seen.positions)) {
            throw new ArchiveCorruptException(
                    manifest.index() + "'s block offsets do not read as the rows of " + manifest.file());
        }
    }

    private static final class Tally {
        private long events;
        private long first = -1;
        private long last = -1;
        private Instant earliest;
        private Instant latest;
        private final List<String> streams = new ArrayList<>();
        private final List<Long> positions = new ArrayList<>();

        void add(SegmentManifest manifest, ArchivedRow row) {
            if (row.globalIndex() <= last) {
                throw new ArchiveCorruptException(manifest.file() + " holds position " + row.globalIndex() + " after "
                        + last + ": rows must rise");
            }
            if (first < 0) {
                first = row.globalIndex();
            }
            last = row.globalIndex();
            Instant at = Instant.parse(row.timeStamp());
            earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
            latest = latest == null || at.isAfter(latest) ? at : latest;
            events++;
            streams.add(row.aggregateIdentifier());
            positions.add(row.globalIndex());
        }

        void check(SegmentManifest manifest) {
            if (events != manifest.events()
                    || first != manifest.fromPosition()
                    || last != manifest.toPosition()
                    || !String.valueOf(earliest).equals(manifest.fromTime())
                    || !String.valueOf(latest).equals(manifest.toTime())) {
                throw new ArchiveCorruptException(manifest.file() + " holds " + events + " events at positions "
                        + first + " to " + last + " (" + earliest + " to " + latest + "), its manifest says "
                        + manifest.events() + " at " + manifest.fromPosition() + " to " + manifest.toPosition()
                        + " (" + manifest.fromTime() + " to " + manifest.toTime() + ")");
            }
        }
    }
}
