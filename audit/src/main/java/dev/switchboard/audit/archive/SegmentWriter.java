package dev.switchboard.audit.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes rows as one segment and its stream index and, once both are synced and the segment re-read and found equal to
 * the rows, its manifest. A crash at any point leaves either no manifest (the segment is incomplete: readers ignore it
 * and its index, the next run rewrites both) or a manifest over a verified segment and its index.
 */
public final class SegmentWriter {

    private static final int BUFFER = 1 << 16;

    private SegmentWriter() {}

    /** Writes {@code rows} (non-empty, in rising position order) under {@code directory}; returns the manifest. */
    public static SegmentManifest write(Path directory, List<ArchivedRow> rows) {
        return write(directory, rows, () -> {});
    }

    /** Like {@link #write(Path, List)}, running {@code beforeManifest} once the segment is verified, before its
     * manifest exists: where a crash leaves an incomplete segment. */
    public static SegmentManifest write(Path directory, List<ArchivedRow> rows, Runnable beforeManifest) {
        requireRising(rows);
        String base = SegmentNames.baseName(
                rows.get(0).globalIndex(), rows.get(rows.size() - 1).globalIndex());
        String fileName = SegmentNames.segmentFile(base);
        try {
            Files.createDirectories(directory);
            Path segment = directory.resolve(fileName);
            Digests written = writeSegment(segment, rows);
            String indexFile = SegmentNames.indexFile(base);
            String indexSha256 = StreamIndex.of(rows).write(directory.resolve(indexFile));
            SegmentManifest manifest = manifestOf(fileName, rows, written.file(), indexFile, indexSha256);
            requireWritten(segment, written);
            beforeManifest.run();
            writeManifest(directory, base, manifest);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write archive segment " + fileName + " in " + directory, e);
        }
    }

    /** Hex SHA-256 of the file's bytes and of the JSON lines they decompress to. */
    private record Digests(String file, String lines) {}

    private static Digests writeSegment(Path segment, List<ArchivedRow> rows) throws IOException {
        MessageDigest fileDigest = SegmentFiles.digest();
        MessageDigest linesDigest = SegmentFiles.digest();
        try (FileOutputStream file = new FileOutputStream(segment.toFile())) {
            OutputStream hashed = new DigestOutputStream(new BufferedOutputStream(file, BUFFER), fileDigest);
            GZIPOutputStream gzip = new FastGzip(hashed);
            OutputStream lines = new DigestOutputStream(gzip, linesDigest);
            for (ArchivedRow row : rows) {
                lines.write(SegmentFiles.JSON.writeValueAsBytes(row));
                lines.write('\n');
            }
            gzip.finish();
            hashed.flush();
            file.getFD().sync();
        }
        return new Digests(hex(fileDigest), hex(linesDigest));
    }

    private static SegmentManifest manifestOf(
            String fileName, List<ArchivedRow> rows, String sha256, String indexFile, String indexSha256) {
        Instant earliest = Instant.MAX;
        Instant latest = Instant.MIN;
        for (ArchivedRow row : rows) {
            Instant at = Instant.parse(row.timeStamp());
            earliest = at.isBefore(earliest) ? at : earliest;
            latest = at.isAfter(latest) ? at : latest;
        }
        return new SegmentManifest(
                SegmentManifest.FORMAT,
                fileName,
                rows.get(0).globalIndex(),
                rows.get(rows.size() - 1).globalIndex(),
                earliest.toString(),
                latest.toString(),
                rows.size(),
                sha256,
                indexFile,
                indexSha256);
    }

    /**
     * Reads the segment back from the disk once: its bytes must be those written and must decompress to exactly the
     * JSON lines encoded from the rows (Jackson's encoding of a row decodes to that row, {@code ArchiveTest}), so the
     * manifest made from the rows describes the file. Comparing digests instead of decoding every row again keeps the
     * check at the speed of gzip.
     */
    private static void requireWritten(Path segment, Digests written) throws IOException {
        MessageDigest fileDigest = SegmentFiles.digest();
        MessageDigest linesDigest = SegmentFiles.digest();
        try (InputStream lines = new DigestInputStream(
                new GZIPInputStream(
                        new DigestInputStream(
                                new BufferedInputStream(Files.newInputStream(segment), BUFFER), fileDigest),
                        BUFFER),
                linesDigest)) {
            lines.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new ArchiveCorruptException(segment.getFileName() + " does not decompress: " + e.getMessage(), e);
        }
        if (!hex(fileDigest).equals(written.file()) || !hex(linesDigest).equals(written.lines())) {
            throw new ArchiveCorruptException(segment.getFileName() + " does not read back as written");
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void writeManifest(Path directory, String base, SegmentManifest manifest) throws IOException {
        Path manifestFile = directory.resolve(SegmentNames.manifestFile(base));
        Path temporary = directory.resolve(SegmentNames.manifestFile(base) + ".tmp");
        try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
            out.write(SegmentFiles.JSON.writeValueAsBytes(manifest));
            out.getFD().sync();
        }
        Files.move(temporary, manifestFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SegmentFiles.syncDirectory(directory);
    }

    /** Gzip at its fastest level: segments are written once, on the archive's time, and read seldom. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, BUFFER);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static void requireRising(List<ArchivedRow> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a segment holds at least one row");
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).globalIndex() <= rows.get(i - 1).globalIndex()) {
                throw new IllegalArgumentException("a segment's rows rise by position: "
                        + rows.get(i - 1).globalIndex() + " then " + rows.get(i).globalIndex());
            }
        }
    }
}
