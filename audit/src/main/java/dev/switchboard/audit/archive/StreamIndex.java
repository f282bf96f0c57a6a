package dev.switchboard.audit.archive;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The streams (aggregate identifiers) a segment holds: gzip of a JSON array of its distinct identifiers, sorted. Exact
 * rather than a Bloom filter: a segment holds a few thousand streams, whose ids gzip to a few bytes each, so the
 * exact list costs little more than a filter and a reader never opens a segment that does not hold its stream.
 */
public final class StreamIndex {

    private final String[] streams;

    private StreamIndex(String[] streams) {
        this.streams = streams;
    }

    /** The index of these rows' streams. */
    static StreamIndex of(List<ArchivedRow> rows) {
        return new StreamIndex(rows.stream()
                .map(ArchivedRow::aggregateIdentifier)
                .distinct()
                .sorted()
                .toArray(String[]::new));
    }

    /** The index of these distinct streams, in their sorted order. */
    static StreamIndex sorted(Set<String> streams) {
        return new StreamIndex(streams.stream().sorted().toArray(String[]::new));
    }

    /** Whether the segment holds an event of any of {@code wanted}. */
    public boolean holdsAny(Collection<String> wanted) {
        for (String stream : wanted) {
            if (Arrays.binarySearch(streams, stream) >= 0) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return streams.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamIndex index && Arrays.equals(streams, index.streams);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(streams);
    }

    /** Writes and syncs the index to {@code file}; returns the lowercase hex SHA-256 of its bytes. */
    String write(Path file) throws IOException {
        MessageDigest digest = SegmentFiles.digest();
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            OutputStream hashed = new DigestOutputStream(new BufferedOutputStream(out), digest);
            GZIPOutputStream gzip = new GZIPOutputStream(hashed);
            gzip.write(SegmentFiles.JSON.writeValueAsBytes(streams));
            gzip.finish();
            hashed.flush();
            out.getFD().sync();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads the index a manifest names, checking its SHA-256 and that it is sorted and distinct. */
    static StreamIndex read(Path directory, SegmentManifest manifest) {
        Path file = directory.resolve(manifest.index());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ArchiveCorruptException(
                    manifest.index() + " is named by its manifest but unreadable: " + e.getMessage(), e);
        }
        MessageDigest digest = SegmentFiles.digest();
        String sha256 = HexFormat.of().formatHex(digest.digest(bytes));
        if (!sha256.equals(manifest.indexSha256())) {
            throw new ArchiveCorruptException(
                    manifest.index() + " has SHA-256 " + sha256 + ", its manifest says " + manifest.indexSha256());
        }
        String[] streams;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            streams = SegmentFiles.JSON.readValue(in, String[].class);
        } catch (IOException e) {
            throw new ArchiveCorruptException(manifest.index() + " does not decode: " + e.getMessage(), e);
        }
        for (int i = 1; i < streams.length; i++) {
            if (streams[i].compareTo(streams[i - 1]) <= 0) {
                throw new ArchiveCorruptException(manifest.index() + " is not sorted and distinct at " + i);
            }
        }
        return new StreamIndex(streams);
    }
}
