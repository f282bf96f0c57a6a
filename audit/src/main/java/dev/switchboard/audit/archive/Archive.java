package dev.switchboard.audit.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A directory of segments, read as one log: the rows of the complete segments (those with a manifest) in position
 * order. No position is in two segments, but a segment's range may span others' (see {@link MergedRows}). Incomplete
 * segments, left by a crash mid-write, are ignored until a writer removes them.
 */
public final class Archive {

    private final Path directory;
    private final List<SegmentManifest> segments;
    private final ArchiveCache cache;

    private Archive(Path directory, List<SegmentManifest> segments, ArchiveCache cache) {
        this.directory = directory;
        this.segments = segments;
        this.cache = cache;
    }

    /** The archive under {@code directory} as it stands now; an absent directory is an empty archive. */
    public static Archive at(Path directory) {
        return at(directory, new ArchiveCache());
    }

    /**
     * Like {@link #at(Path)}, taking unchanged manifests from {@code cache} instead of reading them again, and the
     * stream indexes {@link #rowsOf} reads.
     */
    public static Archive at(Path directory, ArchiveCache cache) {
        List<SegmentManifest> segments = new ArrayList<>();
        for (Path file : files(directory)) {
            if (SegmentNames.isManifest(file.getFileName().toString())) {
                segments.add(cache.manifest(file));
            }
        }
        segments.sort(Comparator.comparingLong(SegmentManifest::fromPosition));
        cache.keepOnly(segments);
        return new Archive(directory, List.copyOf(segments), cache);
    }

    public Path directory() {
        return directory;
    }

    /** The complete segments, in position order. */
    public List<SegmentManifest> segments() {
        return segments;
    }

    /** The last archived position; 0 for an empty archive. */
    public long head() {
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).toPosition();
    }

    public long events() {
        return segments.stream().mapToLong(SegmentManifest::events).sum();
    }

    /** Every archived row in position order, read lazily segment by segment; close the stream when done. */
    public Stream<ArchivedRow> rows() {
        return rows(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The archived rows after {@code afterPosition} up to {@code upToPosition}, in position order; only the segments
     * that meet the range are opened. Close the stream when done. */
    public Stream<ArchivedRow> rows(long afterPosition, long upToPosition) {
        return merged(
                        segments.stream()
                                .filter(segment -> segment.overlaps(afterPosition, upToPosition))
                                .toList(),
                        this::rows)
                .filter(row -> row.globalIndex() > afterPosition && row.globalIndex() <= upToPosition);
    }

    /**
     * The archived rows of {@code streams}, in position order. Of a segment with a stream index (read through the
     * archive's cache), only the blocks that hold one of them are read, and none when it holds none; a segment without an
     * index is read in full. Close the stream when done.
     */
    public Stream<ArchivedRow> rowsOf(Collection<String> streams) {
        Map<SegmentManifest, List<long[]>> ranges = new HashMap<>();
        List<SegmentManifest> opened = new ArrayList<>();
        for (SegmentManifest segment : segments) {
            List<long[]> held =
                    segment.hasIndex() ? cache.index(directory, segment).rangesOf(streams) : null;
            if (held == null || !held.isEmpty()) {
                opened.add(segment);
                ranges.put(segment, held);
            }
        }
        return merged(
                        opened,
                        segment -> ranges.get(segment) == null
                                ? rows(segment)
                                : SegmentFiles.rows(
                                        directory.resolve(segment.file()),
                                        SegmentFormat.of(segment),
                                        ranges.get(segment),
                                        streams))
                .filter(row -> streams.contains(row.aggregateIdentifier()));
    }

    private Stream<ArchivedRow> merged(
            List<SegmentManifest> opened, Function<SegmentManifest, Stream<ArchivedRow>> open) {
        var merged = new MergedRows(directory, opened, open);
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(merged::close);
    }

    /**
     * The rows of one complete segment of this archive, in position order, checked against its manifest's SHA-256
     * as they are read ({@link CheckedSegmentRows}); close the stream when done.
     */
    public Stream<ArchivedRow> rows(SegmentManifest segment) {
        return CheckedSegmentRows.of(directory, segment);
    }

    /** Checks every complete segment against its manifest; throws {@link ArchiveCorruptException} at the first. */
    public void verify() {
        segments.forEach(segment -> SegmentVerifier.verify(directory, segment));
    }

    /** Segment and index files with no manifest, and manifests half written: what a crash mid-write leaves. */
    public List<Path> incomplete() {
        List<Path> leftovers = new ArrayList<>();
        for (Path file : files(directory)) {
            String name = file.getFileName().toString();
            boolean orphanSegment = SegmentNames.isSegment(name)
                    && !Files.exists(directory.resolve(SegmentNames.manifestFile(SegmentNames.baseOfSegment(name))));
            boolean orphanIndex = SegmentNames.isIndex(name)
                    && !Files.exists(directory.resolve(SegmentNames.manifestFile(SegmentNames.baseOfIndex(name))));
            if (orphanSegment || orphanIndex || (name.startsWith(SegmentNames.PREFIX) && name.endsWith(".tmp"))) {
                leftovers.add(file);
            }
        }
        return leftovers;
    }

    /** Deletes what {@link #incomplete()} names; for a writer, before it writes again. */
    public void removeIncomplete() {
        try {
            for (Path leftover : incomplete()) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove an incomplete segment in " + directory, e);
        }
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the archive " + directory, e);
        }
    }
}
