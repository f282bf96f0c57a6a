package dev.switchboard.audit.archive;

import java.nio.file.Path;
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

    /** Forgets the indexes of segments not among {@code segments}. */
    void keepOnly(List<SegmentManifest> segments) {
        loaded.keySet().retainAll(new HashSet<>(segments));
    }

    /** The index of a segment that has one. */
    StreamIndex of(Path directory, SegmentManifest segment) {
        return loaded.computeIfAbsent(segment, manifest -> StreamIndex.read(directory, manifest));
    }
}
