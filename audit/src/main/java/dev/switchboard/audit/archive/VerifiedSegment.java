package dev.switchboard.audit.archive;

import java.nio.file.Path;

/**
 * A segment and its stream index written, synced and read back, whose manifest is not written yet: incomplete, so
 * readers ignore it and a writer's next run removes it, until {@link SegmentWriter#publish} writes the manifest.
 */
public final class VerifiedSegment {

    private final Path directory;
    private final String base;
    private final SegmentManifest manifest;

    VerifiedSegment(Path directory, String base, SegmentManifest manifest) {
        this.directory = directory;
        this.base = base;
        this.manifest = manifest;
    }

    Path directory() {
        return directory;
    }

    String base() {
        return base;
    }

    /** The manifest {@link SegmentWriter#publish} will write. */
    public SegmentManifest manifest() {
        return manifest;
    }
}
