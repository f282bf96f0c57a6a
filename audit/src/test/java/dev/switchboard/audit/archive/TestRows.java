package dev.switchboard.audit.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

/** Rows for archive tests: every column filled, half of the optional ones null. */
final class TestRows {

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    private TestRows() {}

    /** Rows at these positions, in three streams by position. */
    static List<ArchivedRow> rows(long... positions) {
        return LongStream.of(positions).mapToObj(p -> row(p, "stream-" + p % 3)).toList();
    }

    /** Rows of one stream at these positions. */
    static List<ArchivedRow> rowsOf(String stream, long... positions) {
        return LongStream.of(positions).mapToObj(p -> row(p, stream)).toList();
    }

    /** Damages a file as a bad disk might: one bit of its middle byte flipped. */
    static void changeAByteInTheMiddle(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
    }

    static ArchivedRow row(long position, String stream) {
        return new ArchivedRow(
                position,
                stream,
                position,
                position % 2 == 0 ? "Connection" : null,
                "event-" + position,
                position % 2 == 0 ? "{\"m\":1}".getBytes(StandardCharsets.UTF_8) : null,
                payload(position),
                position % 2 == 0 ? "2" : null,
                "dev.switchboard.api.SomeEvent",
                T0.plusSeconds(position).toString());
    }

    static byte[] payload(long position) {
        return ("{\"n\":" + position + ",\"bytes\":\"\u00e9\"}").getBytes(StandardCharsets.UTF_8);
    }
}
