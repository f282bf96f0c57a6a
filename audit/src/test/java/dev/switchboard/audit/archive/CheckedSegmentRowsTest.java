package dev.switchboard.audit.archive;

import static dev.switchboard.audit.archive.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader of a whole segment gets its rows only as archived: any other bytes fail, naming the file; a missing file
 * fails the same way, for a reader of some streams' blocks too.
 */
class CheckedSegmentRowsTest {

    @TempDir
    Path dir;

    @Test
    void aSegmentReadsWholeAsArchived() {
        SegmentWriter.write(dir, rows(1, 2, 3));

        try (Stream<ArchivedRow> read = Archive.at(dir).rows()) {
            assertThat(read.toList()).containsExactlyElementsOf(rows(1, 2, 3));
        }
    }

    @Test
    void aChangedByteFailsTheReadNamingTheSegment() throws Exception {
        SegmentManifest manifest = SegmentWriter.write(dir, rows(1, 2, 3));
        TestRows.changeAByteInTheMiddle(dir.resolve(manifest.file()));

        assertThatThrownBy(() -> readAll(dir))
                .isInstanceOf(ArchiveCorruptException.class)
                .hasMessageContaining(manifest.file());
    }

    @Test
    void aChangedByteFailsAReaderOfSomeStreamsNamingTheSegment() throws Exception {
        SegmentManifest manifest = SegmentWriter.write(dir, rows(1, 2, 3));
        TestRows.changeAByteInTheMiddle(dir.resolve(manifest.file()));

        assertThatThrownBy(() -> {
                    try (Stream<ArchivedRow> read = Archive.at(dir).rowsOf(Set.of("stream-1"))) {
                        read.forEach(row -> {});
                    }
                })
                .isInstanceOf(ArchiveCorruptException.class)
                .hasMessageContaining(manifest.file());
    }

    /**
     * Zstd's own checks pass an added frame (each frame carries its own checksum): only the manifest's SHA-256 tells the
     * file is not what was archived.
     */
    @Test
    void aRowAddedAsAWholeFrameFailsTheChecksum() throws Exception {
        SegmentManifest manifest = SegmentWriter.write(dir, rows(1, 2, 3));
        var line = new ByteArrayOutputStream();
        try (JsonGenerator json = SegmentFiles.JSON.getFactory().createGenerator(line)) {
            RowLines.write(json, TestRows.row(4, "stream-1"), RowLines.strictUtf8());
        }
        line.write('\n');
        byte[] frame = Zstd.compress(line.toByteArray(), SegmentEncoder.LEVEL);
        Files.write(dir.resolve(manifest.file()), frame, StandardOpenOption.APPEND);

        assertThatThrownBy(() -> readAll(dir))
                .isInstanceOf(ArchiveCorruptException.class)
                .hasMessageContaining(manifest.file() + " has SHA-256 ")
                .hasMessageContaining("its manifest says " + manifest.sha256());
    }

    @Test
    void aMissingSegmentFileFailsTheReadNamingIt() throws Exception {
        SegmentManifest manifest = SegmentWriter.write(dir, rows(1, 2, 3));
        Files.delete(dir.resolve(manifest.file()));

        assertThatThrownBy(() -> readAll(dir))
                .isInstanceOf(ArchiveCorruptException.class)
                .hasMessageContaining(manifest.file() + " is named by its manifest but missing");
        assertThatThrownBy(() -> {
                    try (Stream<ArchivedRow> read = Archive.at(dir).rowsOf(Set.of("stream-1"))) {
                        read.forEach(row -> {});
                    }
                })
                .as("a reader of one stream's blocks")
                .isInstanceOf(ArchiveCorruptException.class)
                .hasMessageContaining(manifest.file() + " is named by its manifest but missing");
    }

    private static void readAll(Path dir) {
        try (Stream<ArchivedRow> read = Archive.at(dir).rows()) {
            read.forEach(row -> {});
        }
    }
}
