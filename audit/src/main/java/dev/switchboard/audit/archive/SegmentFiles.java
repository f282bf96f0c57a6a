package dev.switchboard.audit.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The JSON of segments and manifests, and the file operations both need. */
final class SegmentFiles {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final int BUFFER = 1 << 16;

    private SegmentFiles() {}

    /** The rows of one segment file in this format, lazily, in file order; closing the stream closes the file. */
    static Stream<ArchivedRow> rows(Path segment, SegmentFormat format) {
        SegmentFormat.RowIterator rows;
        try {
            rows = format.rows(new BufferedInputStream(Files.newInputStream(segment), BUFFER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archive segment " + segment, e);
        }
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> close(rows));
    }

    /**
     * The rows of {@code streams} in these byte ranges of a segment file (each a whole gzip member, as its {@link
     * StreamIndex} names them), in file order, one range read and decompressed at a time; closing the stream closes
     * the file. Only the lines that hold one of the streams' ids as a JSON string are decoded: a row of the stream
     * holds it (as its {@code aggregateIdentifier}), and a line that holds it elsewhere is decoded and left out.
     */
    static Stream<ArchivedRow> rows(
            Path segment, SegmentFormat format, List<long[]> ranges, Collection<String> streams) {
        List<String> literals = streams.stream().map(SegmentFiles::jsonString).toList();
        return blocks(segment, format, ranges, literals).filter(row -> streams.contains(row.aggregateIdentifier()));
    }

    /** The rows of every block at these byte ranges, in file order; closing the stream closes the file. */
    static Stream<ArchivedRow> rows(Path segment, SegmentFormat format, List<long[]> ranges) {
        return blocks(segment, format, ranges, null);
    }

    /** The rows of the blocks at {@code ranges}: all, or with {@code literals} only those of lines holding one. */
    private static Stream<ArchivedRow> blocks(
            Path segment, SegmentFormat format, List<long[]> ranges, List<String> literals) {
        FileChannel channel;
        try {
            channel = FileChannel.open(segment, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ArchiveCorruptException(segment.getFileName() + " is named by its manifest but missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archive segment " + segment, e);
        }
        return ranges.stream()
                .flatMap(range -> block(channel, segment, format, range, literals).stream())
                .onClose(() -> {
                    try {
                        channel.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static List<ArchivedRow> block(
            FileChannel channel, Path segment, SegmentFormat format, long[] range, List<String> literals) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(range[1] - range[0]));
        try {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, range[0] + bytes.position()) < 0) {
                    throw new ArchiveCorruptException(segment.getFileName() + " ends before its block at " + range[0]);
                }
            }
            byte[] lines = format.decompress(bytes.array());
            if (literals == null) {
                return format.rows(lines);
            }
            return matchingLines(format, new String(lines, StandardCharsets.UTF_8), literals);
        } catch (IOException e) {
            throw new ArchiveCorruptException(
                    segment.getFileName() + " has no whole block at " + range[0] + ": " + e.getMessage(), e);
        }
    }

    /** The rows of the lines of {@code text} that contain one of {@code literals}, in text order. */
    private static List<ArchivedRow> matchingLines(SegmentFormat format, String text, List<String> literals)
            throws IOException {
        TreeSet<Integer> lineStarts = new TreeSet<>();
        for (String literal : literals) {
            for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
                lineStarts.add(text.lastIndexOf('\n', at) + 1);
            }
        }
        List<ArchivedRow> rows = new ArrayList<>();
        for (int start : lineStarts) {
            int end = text.indexOf('\n', start);
            rows.add(format.row(text.substring(start, end < 0 ? text.length() : end)));
        }
        return rows;
    }

    private static String jsonString(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SegmentManifest manifest(Path file) {
        try {
            return JSON.readValue(file.toFile(), SegmentManifest.class);
        } catch (IOException e) {
            throw new ArchiveCorruptException("cannot read archive manifest " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = digest();
            byte[] buffer = new byte[BUFFER];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archive segment " + file, e);
        }
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Makes a rename or creation in {@code directory} durable (Linux and macOS allow syncing a directory). */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void close(Closeable rows) {
        try {
            rows.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
