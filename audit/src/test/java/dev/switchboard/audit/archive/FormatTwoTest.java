package dev.switchboard.audit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives written before format 3 stay readable: a format 2 segment on disk next to new ones. */
class FormatTwoTest {

    @TempDir
    Path dir;

    @Test
    void aFormatTwoSegmentReadsVerifiesAndIsLookedUpByStream() throws Exception {
        FormatTwoFixture.copyInto(dir);

        Archive archive = Archive.at(dir);
        assertThat(archive.segments()).singleElement().satisfies(segment -> assertThat(segment.format())
                .isEqualTo(SegmentManifest.GZIP_WITH_INDEX));
        archive.verify();
        try (Stream<ArchivedRow> read = archive.rows()) {
            assertThat(read.toList()).containsExactlyElementsOf(FormatTwoFixture.rows());
        }
        try (Stream<ArchivedRow> read = archive.rowsOf(Set.of("stream-1"))) {
            assertThat(read.toList())
                    .containsExactlyElementsOf(FormatTwoFixture.rows().stream()
                            .filter(row -> row.aggregateIdentifier().equals("stream-1"))
                            .toList());
        }
    }

    @Test
    void formatTwoAndFormatThreeSegmentsReadAsOneLog() throws Exception {
        FormatTwoFixture.copyInto(dir);
        List<ArchivedRow> later = TestRows.rows(LongStream.rangeClosed(601, 900).toArray());
        SegmentManifest written = SegmentWriter.write(dir, later);
        assertThat(written.format()).isEqualTo(SegmentManifest.FORMAT);

        List<ArchivedRow> all = new ArrayList<>(FormatTwoFixture.rows());
        all.addAll(later);
        Archive archive = Archive.at(dir);
        archive.verify();
        try (Stream<ArchivedRow> read = archive.rows()) {
            assertThat(read.toList()).containsExactlyElementsOf(all);
        }
        try (Stream<ArchivedRow> read = archive.rowsOf(Set.of("stream-2"))) {
            assertThat(read.toList())
                    .containsExactlyElementsOf(all.stream()
                            .filter(row -> row.aggregateIdentifier().equals("stream-2"))
                            .toList());
        }
    }
}
