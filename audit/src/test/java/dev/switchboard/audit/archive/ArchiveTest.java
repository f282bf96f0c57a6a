package dev.switchboard.audit.archive;

import static dev.switchboard.audit.archive.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
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
        assertThat(dir.resolve(base + ".jsonl.zst")).exists();
        JsonNode json =
                new ObjectMapper().readTree(dir.resolve(base + ".manifest.json").toFile());
        assertThat(json.get("format").asInt()).isEqualTo(3);
        assertThat(json.get("index").asText()).isEqualTo(base + ".streams.json.gz");
        assertThat(json.get("indexSha256").asText()).hasSize(64).isEqualTo(manifest.indexSha256());
        assertThat(json.get("file").asText()).isEqualTo(base + ".jsonl.zst");
        assertThat(json.get("fromPosition").asLong()).isEqualTo(3);
        assertThat(json.get("toPosition").asLong()).isEqualTo(9);
        assertThat(json.get("fromTime").asText())
                .isEqualTo(TestRows.T0.plusSeconds(3).toString());
        assertThat(json.get("toTime").asText())
                .isEqualTo(TestRows.T0.plusSeconds(9).toString());
        assertThat(json.get("events").asLong()).isEqualTo(2);
        assertThat(json.get("sha256").asText()).hasSize(64).isEqualTo(manifest.sha256());

        byte[] zst = Files.readAllBytes(dir.resolve(base + ".jsonl.zst"));
        String text =
                new String(new ZstdInputStream(new ByteArrayInputStream(zst)).readAllBytes(), StandardCharsets.UTF_8);
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
        assertThat(first.get("payload").asText()).isEqualTo(new String(TestRows.payload(3), StandardCharsets.UTF_8));
    }

    @Test
    void bytesThatAreNotTextRoundTripInBase64AndTextRoundTripExactly() {
        byte[] notText = {(byte) 0xff, 0, '"', '\n', (byte) 0xc3};
        byte[] ascii = "{\"a\":\"q\\\"t\\\\\"}\n\t\u0001\u007f\"\\".getBytes(StandardCharsets.US_ASCII);
        byte[] text = "{\"a\":\"quo\\\"te\\n\u0001 \u00e9 \ud83d\ude00\"}\n".getBytes(StandardCharsets.UTF_8);
        var rows = List.of(
                new ArchivedRow(1, "s", 0, null, "e1", notText, text, null, "T", TestRows.T0.toString()),
                new ArchivedRow(2, "s", 1, "A", "e2", text, notText, "1", "T", TestRows.T0.toString()),
                new ArchivedRow(3, "s", 2, "A", "e3", ascii, ascii, "1", "T", TestRows.T0.toString()));
        SegmentWriter.write(dir, rows);

        Archive archive = Archive.at(dir);
        archive.verify();
        try (Stream<ArchivedRow> read = archive.rows()) {
            assertThat(read.toList()).containsExactlyElementsOf(rows);
        }
        try (Stream<ArchivedRow> read = archive.rowsOf(Set.of("s"))) {
            assertThat(read.toList()).containsExactlyElementsOf(rows);
        }
    }

    @Test
    void aSegmentWithoutItsManifestIsIgnoredAndRemovedByTheNextWriter() throws Exception {
        SegmentWriter.write(dir, rows(1, 2));
        SegmentManifest crashed = SegmentWriter.write(dir, rows(4, 6));
        Path orphan = dir.resolve(crashed.file());
        Files.delete(dir.resolve(crashed.file().replace(".jsonl.zst", ".manifest.json")));

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
