package dev.switchboard.audit.archive;

import static dev.switchboard.audit.archive.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTest {

    @TempDir
    Path dir;

    @Test
    void readsEverySegmentAsOneLogInPositionOrder() {
        List<ArchivedRow> later = rows(20, 25, 29);
        List<ArchivedRow> earlier = rows(1, 2, 5, 7);
        SegmentWriter.write(dir, later);
        SegmentWriter.write(dir, earlier);

        Archive archive = Archive.at(dir);
        List<ArchivedRow> all = new ArrayList<>(earlier);
        all.addAll(later);
        try (Stream<ArchivedRow> read = archive.rows()) {
            assertThat(read.toList()).containsExactlyElementsOf(all);
        }
        try (Stream<ArchivedRow> read = archive.rows(2, 25)) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactly(5L, 7L, 20L, 25L);
        }
        assertThat(archive.head()).isEqualTo(29);
        assertThat(archive.events()).isEqualTo(7);
        archive.verify();
    }

    @Test
    void writesTheFilesAndFieldsTheFormatNames() throws Exception {
        SegmentManifest manifest = SegmentWriter.write(dir, rows(3, 9));

        String base = "segment-00000000000000000003-00000000000000000009";
        assertThat(dir.resolve(base + ".jsonl.gz")).exists();
        JsonNode json =
                new ObjectMapper().readTree(dir.resolve(base + ".manifest.json").toFile());
        assertThat(json.get("format").asInt()).isEqualTo(2);
        assertThat(json.get("index").asText()).isEqualTo(base + ".streams.json.gz");
        assertThat(json.get("indexSha256").asText()).hasSize(64).isEqualTo(manifest.indexSha256());
        assertThat(json.get("file").asText()).isEqualTo(base + ".jsonl.gz");
        assertThat(json.get("fromPosition").asLong()).isEqualTo(3);
        assertThat(json.get("toPosition").asLong()).isEqualTo(9);
        assertThat(json.get("fromTime").asText())
                .isEqualTo(TestRows.T0.plusSeconds(3).toString());
        assertThat(json.get("toTime").asText())
                .isEqualTo(TestRows.T0.plusSeconds(9).toString());
        assertThat(json.get("events").asLong()).isEqualTo(2);
        assertThat(json.get("sha256").asText()).hasSize(64).isEqualTo(manifest.sha256());

        byte[] gz = Files.readAllBytes(dir.resolve(base + ".jsonl.gz"));
        String text =
                new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "globalIndex",
                        "aggregateIdentifier",
                        "sequenceNumber",
                        "type",
                        "eventIdentifier",
                        "metaData",
                        "payload",
                        "payloadRevision",
                        "payloadType",
                        "timeStamp");
        assertThat(first.get("metaData").isNull()).isTrue();
        assertThat(first.get("payload").binaryValue()).isEqualTo(TestRows.payload(3));
    }

    @Test
    void aSegmentWithoutItsManifestIsIgnoredAndRemovedByTheNextWriter() throws Exception {
        SegmentWriter.write(dir, rows(1, 2));
        SegmentManifest crashed = SegmentWriter.write(dir, rows(4, 6));
        Path orphan = dir.resolve(crashed.file());
        Files.delete(dir.resolve(crashed.file().replace(".jsonl.gz", ".manifest.json")));

        Archive archive = Archive.at(dir);
        try (Stream<ArchivedRow> read = archive.rows()) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactly(1L, 2L);
        }
        assertThat(archive.incomplete()).containsExactlyInAnyOrder(orphan, dir.resolve(crashed.index()));
        archive.removeIncomplete();
        assertThat(orphan).doesNotExist();

        SegmentWriter.write(dir, rows(4, 6));
        try (Stream<ArchivedRow> read = Archive.at(dir).rows()) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactly(1L, 2L, 4L, 6L);
        }
    }

    @Test
    void aChangedByteFailsVerification() throws Exception {
        SegmentManifest manifest = SegmentWriter.write(dir, rows(1, 2, 3));
        TestRows.changeAByteInTheMiddle(dir.resolve(manifest.file()));

        assertThatThrownBy(() -> Archive.at(dir).verify())
                .isInstanceOf(ArchiveCorruptException.class)
                .hasMessageContaining(manifest.file())
                .hasMessageContaining("SHA-256");
    }

    @Test
    void aSegmentWhoseRangeSpansOthersIsMergedByPosition() {
        SegmentWriter.write(dir, rows(1, 4));
        SegmentWriter.write(dir, rows(6, 9));
        SegmentWriter.write(dir, rows(2, 5, 7, 12));

        try (Stream<ArchivedRow> read = Archive.at(dir).rows()) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactly(1L, 2L, 4L, 5L, 6L, 7L, 9L, 12L);
        }
        try (Stream<ArchivedRow> read = Archive.at(dir).rows(4, 9)) {
            assertThat(read.map(ArchivedRow::globalIndex)).containsExactly(5L, 6L, 7L, 9L);
        }
    }

    @Test
    void aPositionInTwoSegmentsIsRefused() {
        SegmentWriter.write(dir, rows(1, 5));
        SegmentWriter.write(dir, rows(3, 5, 8));

        assertThatThrownBy(() -> {
                    try (Stream<ArchivedRow> read = Archive.at(dir).rows()) {
                        read.forEach(row -> {});
                    }
                })
                .isInstanceOf(ArchiveCorruptException.class)
                .hasMessageContaining("position 5 is in two segments");
    }

    @Test
    void rowsMustRise() {
        assertThatThrownBy(() -> SegmentWriter.write(dir, rows(2, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentWriter.write(dir, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAbsentDirectoryIsAnEmptyArchive() {
        Archive archive = Archive.at(dir.resolve("none"));
        assertThat(archive.segments()).isEmpty();
        assertThat(archive.head()).isZero();
    }
}
