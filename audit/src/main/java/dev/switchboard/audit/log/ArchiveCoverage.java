package dev.switchboard.audit.log;

import dev.switchboard.audit.archive.Archive;
import dev.switchboard.audit.archive.ArchiveMark;
import dev.switchboard.audit.archive.ArchiveMarks;
import dev.switchboard.audit.archive.SegmentManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a reader sees the whole log: every segment the database marks archived must be a complete segment of the
 * archive it reads. Without an archive that costs one probe of the marks' index (a node without an archive directory
 * pays it on every history and timeline); with one, a read of the marks and of the archive's manifests (which a read
 * of the archive lists anyway).
 */
final class ArchiveCoverage {

    private ArchiveCoverage() {}

    /** @param archive the archive the reader merges with the table, as it stands; null for none */
    static Optional<UnreadArchive> check(ArchiveMarks marks, Archive archive) {
        Optional<ArchiveMark> furthest = marks.furthest();
        if (furthest.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing;
        Path read = null;
        long segments;
        if (archive == null) {
            segments = 0;
            missing = List.of();
        } else {
            List<ArchiveMark> all = marks.all();
            Set<String> held =
                    archive.segments().stream().map(SegmentManifest::file).collect(Collectors.toSet());
            missing = all.stream()
                    .map(ArchiveMark::segmentFile)
                    .filter(file -> !held.contains(file))
                    .toList();
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            segments = all.size();
            read = archive.directory();
        }
        ArchiveMark mark = furthest.get();
        return Optional.of(
                new UnreadArchive(mark.toPosition(), mark.archiveDir(), mark.markedAt(), segments, read, missing));
    }
}
