package dev.switchboard.audit.archive;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream indexes of an archive's segments, each read from its file once and kept, keyed by its manifest (which
 * names the index's checksum, so a rewritten segment is read afresh): a node's REST timeline pays for reading them on
 * its first lookup only. Indexes of segments no longer in the archive are dropped at the next lookup.
 */
public final class StreamIndexes {

    private final Map<SegmentManifest, StreamIndex> loaded = new ConcurrentHashMap<>();

    /** The segments among {@code segments} that may hold an event of {@code streams}: those whose index names one of
     * them, and those without an index (format 1), which are read in full. */
    List<SegmentManifest> holdingAny(Path directory, List<SegmentManifest> segments, Collection<String> streams) {
        loaded.keySet().retainAll(new HashSet<>(segments));
        return segments.stream()
                .filter(segment -> !segment.hasIndex()
                        || loaded.computeIfAbsent(segment, manifest -> StreamIndex.read(directory, manifest))
                                .holdsAny(streams))
                .toList();
    }
}
