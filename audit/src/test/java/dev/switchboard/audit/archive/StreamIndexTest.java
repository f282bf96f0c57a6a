package dev.switchboard.audit.archive;

import static dev.switchboard.audit.archive.TestRows.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamIndexTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theIndexNamesTheSegmentsStreamsSortedWithTheBlocksThatHoldThem() throws Exception {
        List<ArchivedRow> rows =
                new ArrayList<>(rowsOf("b", LongStream.rangeClosed(1, 300).toArray()));
        rows.addAll(rowsOf("a", 301));
        rows.addAll(rowsOf("b", 302));
        SegmentManifest manifest = SegmentWriter.write(dir, rows);

        byte[] gz = Files.readAllBytes(dir.resolve(manifest.index()));
        JsonNode index = JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(gz)));
        assertThat(JSON.convertValue(index.get("streams"), String[].class)).containsExactly("a", "b");
        assertThat(JSON.convertValue(index.get("blocks"), int[][].class)).isDeepEqualTo(new int[][] {{1}, {0, 1}});
        long[] offsets = JSON.convertValue(index.get("blockOffsets"), long[].class);
        assertThat(offsets).hasSize(3).startsWith(0).endsWith(Files.size(dir.resolve(manifest.file())));
        assertThat(manifest.indexSha256()).isEqualTo(SegmentFiles.sha256(dir.resolve(manifest.index())));
        try (Stream<ArchivedRow> read = Archive.at(dir).rows()) {
            assertThat(read.toList())
                    .as("one gzip file to a reader of the whole")
                    .isEqualTo(rows);
        }
    }

    @Test
    void aReaderOfOneStreamDecompressesOnlyTheBlocksThatHoldIt() throws Exception {
        List<ArchivedRow> rows =
                new ArrayList<>(rowsOf("a", LongStream.rangeClosed(1, 600).toArray()));
        rows.addAll(rowsOf("b", 601, 602));
        SegmentManifest manifest = SegmentWriter.write(dir, rows);
        Path segment = dir.resolve(manifest.file());
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length / 4] ^= 1; // inside the first block
        Files.write(segment, bytes);

        try (Stream<ArchivedRow> read = Archive.at(dir).rowsOf(Set.of("b"))) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactly(601L, 602L);
        }
        assertThatThrownBy(() -> Archive.at(dir).verify()).isInstanceOf(ArchiveCorruptException.class);
    }

    @Test
    void aReaderOfSomeStreamsOpensOnlyTheSegmentsThatHoldThem() throws Exception {
        SegmentManifest first = SegmentWriter.write(dir, rowsOf("a", 1, 2, 3));
        SegmentWriter.write(dir, rowsOf("c", 4, 5));
        SegmentWriter.write(dir, rowsOf("a", 6, 7));
        SegmentWriter.write(dir, rowsOf("d", 8));
        // a segment the reader opened would now fail to decompress
        Files.write(dir.resolve(first.file()), new byte[] {1, 2, 3});

        var cache = new ArchiveCache();
        try (Stream<ArchivedRow> read = Archive.at(dir, cache).rowsOf(Set.of("c", "d", "z"))) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactly(4L, 5L, 8L);
        }
        assertThatThrownBy(() -> {
                    try (Stream<ArchivedRow> read = Archive.at(dir, cache).rowsOf(Set.of("a"))) {
                        read.forEach(row -> {});
                    }
                })
                .as("the segment that holds the stream is opened")
                .hasMessageContaining(first.file());
    }

    @Test
    void aStreamIsReadByItsRowsNotByItsIdElsewhereInALine() {
        // row 5 of stream "x" has the event id "event-5", the name of another stream; ids that JSON escapes match too
        List<ArchivedRow> rows = new ArrayList<>(rowsOf("x", 1, 5));
        rows.addAll(rowsOf("event-5", 6, 7));
        rows.addAll(rowsOf("quo\"te\\", 8));
        SegmentWriter.write(dir, rows);

        try (Stream<ArchivedRow> read = Archive.at(dir).rowsOf(Set.of("event-5", "quo\"te\\"))) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactly(6L, 7L, 8L);
        }
    }

    @Test
    void aSegmentWithoutAnIndexIsReadInFull() throws Exception {
        FormatTwoFixture.copyInto(dir);
        SegmentWriter.write(dir, rowsOf("b", 601, 602));
        SegmentWriter.write(dir, rowsOf("stream-1", 603));
        List<Long> streamOne = LongStream.concat(
                        LongStream.rangeClosed(1, 600).filter(p -> p % 3 == 1), LongStream.of(603))
                .boxed()
                .toList();
        var cache = new ArchiveCache();
        try (Stream<ArchivedRow> read = Archive.at(dir, cache).rowsOf(Set.of("stream-1"))) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactlyElementsOf(streamOne);
        }
        writeAsFormatOne(Archive.at(dir).segments().get(0));

        Archive archive = Archive.at(dir, cache);
        assertThat(archive.segments().get(0).hasIndex())
                .as("a changed manifest is read again")
                .isFalse();
        archive.verify();
        try (Stream<ArchivedRow> read = archive.rowsOf(Set.of("stream-1"))) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactlyElementsOf(streamOne);
        }
        try (Stream<ArchivedRow> read = archive.rowsOf(Set.of("b"))) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactly(601L, 602L);
        }
    }

    @Test
    void aChangedIndexFailsVerificationAndLookups() throws Exception {
        SegmentManifest manifest = SegmentWriter.write(dir, rowsOf("a", 1, 2));
        Path index = dir.resolve(manifest.index());
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 2] ^= 1;
        Files.write(index, bytes);

        assertThatThrownBy(() -> Archive.at(dir).verify())
                .isInstanceOf(ArchiveCorruptException.class)
                .hasMessageContaining(manifest.index())
                .hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> Archive.at(dir).rowsOf(Set.of("a")))
                .isInstanceOf(ArchiveCorruptException.class)
                .hasMessageContaining(manifest.index());
    }

    @Test
    void anIndexThatOmitsAStreamFailsVerification() throws Exception {
        SegmentManifest manifest = SegmentWriter.write(dir, rowsOf("a", 1, 2));
        SegmentManifest other = SegmentWriter.write(dir.resolve("other"), rowsOf("b", 1, 2));
        Files.copy(
                dir.resolve("other").resolve(other.index()),
                dir.resolve(manifest.index()),
                StandardCopyOption.REPLACE_EXISTING);
        ObjectNode json = (ObjectNode) JSON.readTree(manifestFile(manifest).toFile());
        json.put("indexSha256", other.indexSha256());
        JSON.writeValue(manifestFile(manifest).toFile(), json);

        assertThatThrownBy(() -> Archive.at(dir).verify())
                .isInstanceOf(ArchiveCorruptException.class)
                .hasMessageContaining("does not name exactly the streams of " + manifest.file());
    }

    /** What an archive written before the index looks like: a format 1 manifest over a gzip segment, no index file. */
    private void writeAsFormatOne(SegmentManifest manifest) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(manifestFile(manifest).toFile());
        json.put("format", 1);
        json.remove("index");
        json.remove("indexSha256");
        JSON.writeValue(manifestFile(manifest).toFile(), json);
        Files.delete(dir.resolve(manifest.index()));
    }

    private Path manifestFile(SegmentManifest manifest) {
        return dir.resolve(SegmentNames.manifestFile(SegmentNames.baseOfSegment(manifest.file())));
    }
}
