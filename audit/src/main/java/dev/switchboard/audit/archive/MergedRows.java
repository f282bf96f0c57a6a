package dev.switchboard.audit.archive;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The rows of several segments as one sequence in position order. Segments written by one run follow each other; a
 * later run may archive rows that lie between the positions of earlier segments (a connection open then, closed
 * since), so its segment's range spans theirs while sharing no position. A segment is opened only when the merge
 * reaches its first position, so the open files are only those whose ranges meet at that point.
 */
final class MergedRows implements Iterator<ArchivedRow>, AutoCloseable {

    private final Path directory;
    private final Function<SegmentManifest, Stream<ArchivedRow>> opener;
    private final Deque<SegmentManifest> unopened;
    private final PriorityQueue<Cursor> open =
            new PriorityQueue<>((a, b) -> Long.compare(a.head.globalIndex(), b.head.globalIndex()));
    private final List<Stream<ArchivedRow>> streams = new ArrayList<>();
    private long lastPosition = Long.MIN_VALUE;

    /** @param open reads the rows of a segment, or of the part of it a reader needs, in position order */
    MergedRows(
            Path directory,
            List<SegmentManifest> segmentsByFirstPosition,
            Function<SegmentManifest, Stream<ArchivedRow>> open) {
        this.directory = directory;
        this.opener = open;
        this.unopened = new ArrayDeque<>(segmentsByFirstPosition);
    }

    @Override
    public boolean hasNext() {
        openSegmentsReaching(open.isEmpty() ? Long.MAX_VALUE : open.peek().head.globalIndex());
        return !open.isEmpty();
    }

    @Override
    public ArchivedRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Cursor cursor = open.poll();
        ArchivedRow row = cursor.head;
        if (row.globalIndex() == lastPosition) {
            throw new ArchiveCorruptException("position " + lastPosition + " is in two segments of " + directory);
        }
        lastPosition = row.globalIndex();
        if (cursor.rows.hasNext()) {
            cursor.head = cursor.rows.next();
            open.add(cursor);
        }
        return row;
    }

    private void openSegmentsReaching(long position) {
        while (!unopened.isEmpty() && (open.isEmpty() || unopened.peek().fromPosition() <= position)) {
            SegmentManifest segment = unopened.poll();
            Stream<ArchivedRow> stream = opener.apply(segment);
            streams.add(stream);
            Iterator<ArchivedRow> rows = stream.iterator();
            if (rows.hasNext()) {
                open.add(new Cursor(rows, rows.next()));
            }
            position = open.isEmpty() ? Long.MAX_VALUE : open.peek().head.globalIndex();
        }
    }

    @Override
    public void close() {
        streams.forEach(Stream::close);
    }

    private static final class Cursor {
        private final Iterator<ArchivedRow> rows;
        private ArchivedRow head;

        Cursor(Iterator<ArchivedRow> rows, ArchivedRow head) {
            this.rows = rows;
            this.head = head;
        }
    }
}
