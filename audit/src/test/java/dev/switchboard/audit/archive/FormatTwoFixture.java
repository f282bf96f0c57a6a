package dev.switchboard.audit.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

/**
 * A format 2 segment (gzip members, base64 byte columns) as the writer before format 3 wrote it: rows 1 to 600 of
 * {@link TestRows}, three streams, three blocks, its index and manifest, under {@code src/test/resources/archive/format-2}.
 */
final class FormatTwoFixture {

    static final String BASE = "segment-00000000000000000001-00000000000000000600";
    private static final List<String> FILES =
            List.of(BASE + ".jsonl.gz", BASE + ".streams.json.gz", BASE + ".manifest.json");

    private FormatTwoFixture() {}

    /** Copies the fixture's files into {@code directory}. */
    static void copyInto(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String file : FILES) {
            try (InputStream in = FormatTwoFixture.class.getResourceAsStream("/archive/format-2/" + file)) {
                Files.copy(in, directory.resolve(file));
            }
        }
    }

    /** The rows the fixture holds. */
    static List<ArchivedRow> rows() {
        return TestRows.rows(LongStream.rangeClosed(1, 600).toArray());
    }
}
