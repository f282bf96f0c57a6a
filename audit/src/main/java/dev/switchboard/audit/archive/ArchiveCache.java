package dev.switchboard.audit.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a long-lived reader of an archive (a node's REST timeline, one command run) keeps of it between reads: each
 * manifest, parsed once and kept while its file's size and modification time stay the same, and each segment's
 * stream index, read once and kept, keyed by its manifest (which names the index's checksum). A lookup then costs a
 * directory listing instead of reading every manifest and index again; what left the archive is dropped.
 */
public final class ArchiveCache {

    private record Seen(long size, long modified, SegmentManifest manifest) {}

    private final Map<Path, Seen> manifests = new ConcurrentHashMap<>();
    private final Map<SegmentManifest, StreamIndex> indexes = new ConcurrentHashMap<>();

    /** The manifest in {@code file}, parsed again only when the file changed. */
    SegmentManifest manifest(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archive manifest " + file, e);
        }
        long modified = attributes.lastModifiedTime().toMillis();
        Seen seen = manifests.get(file);
        if (seen == null || seen.size() != attributes.size() || seen.modified() != modified) {
            seen = new Seen(attributes.size(), modified, SegmentFiles.manifest(file));
            manifests.put(file, seen);
        }
        return seen.manifest();
    }

    /** Forgets what is kept of segments not among {@code segments}. */
    void keepOnly(List<SegmentManifest> segments) {
        var current = new HashSet<>(segments);
        indexes.keySet().retainAll(current);
        manifests.values().removeIf(seen -> !current.contains(seen.manifest()));
    }

    /** The index of a segment that has one. */
    StreamIndex index(Path directory, SegmentManifest segment) {
        return indexes.computeIfAbsent(segment, manifest -> StreamIndex.read(directory, manifest));
    }
}
