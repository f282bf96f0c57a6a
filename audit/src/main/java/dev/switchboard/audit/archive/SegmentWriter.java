package dev.switchboard.audit.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
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
            String indexSha256 = StreamIndex.of(
                            rows.stream().map(ArchivedRow::aggregateIdentifier).toList(), written.blockOffsets())
                    .write(directory.resolve(indexFile));
            SegmentManifest manifest = manifestOf(fileName, rows, written.file(), indexFile, indexSha256);
            requireWritten(segment, written);
            beforeManifest.run();
            writeManifest(directory, base, manifest);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write archive segment " + fileName + " in " + directory, e);
        }
    }

    /** Hex SHA-256 of the file's bytes and of the JSON lines they decompress to; where each block starts. */
    private record Digests(String file, String lines, long[] blockOffsets) {}

    /** Writes the rows as gzip members of {@link StreamIndex#ROWS_PER_BLOCK} rows each: one gzip file to a reader,
     * whose blocks a reader of a few streams can also decompress alone. */
    private static Digests writeSegment(Path segment, List<ArchivedRow> rows) throws IOException {
        MessageDigest fileDigest = SegmentFiles.digest();
        MessageDigest linesDigest = SegmentFiles.digest();
        int blocks = (rows.size() + StreamIndex.ROWS_PER_BLOCK - 1) / StreamIndex.ROWS_PER_BLOCK;
        long[] offsets = new long[blocks + 1];
        try (FileOutputStream file = new FileOutputStream(segment.toFile())) {
            var counted = new CountingOutputStream(
                    new DigestOutputStream(new BufferedOutputStream(file, BUFFER), fileDigest));
            for (int block = 0; block < blocks; block++) {
                offsets[block] = counted.count;
                FastGzip gzip = new FastGzip(counted);
                OutputStream lines = new DigestOutputStream(gzip, linesDigest);
                int from = block * StreamIndex.ROWS_PER_BLOCK;
                for (ArchivedRow row : rows.subList(from, Math.min(rows.size(), from + StreamIndex.ROWS_PER_BLOCK))) {
                    lines.write(SegmentFiles.JSON.writeValueAsBytes(row));
                    lines.write('\n');
                }
                gzip.finishBlock();
            }
            offsets[blocks] = counted.count;
            counted.flush();
            file.getFD().sync();
        }
        return new Digests(hex(fileDigest), hex(linesDigest), offsets);
    }

    /** Counts the bytes written through it, so each block's offset in the file is known. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
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

        /** Ends this gzip member, leaving the file open for the next, and frees the deflater. */
        void finishBlock() throws IOException {
            finish();
            def.end();
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
