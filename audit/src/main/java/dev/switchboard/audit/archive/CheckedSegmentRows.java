package dev.switchboard.audit.archive;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A whole segment's rows as a reader reads them, checked on the way: the file's SHA-256 is taken as its bytes stream
 * past and compared with the manifest's once the last row is read, and a segment that does not decompress or decode
 * fails there. Either way the reader gets an {@link ArchiveCorruptException} naming the file, never rows of a segment
 * that differs from what was archived (a damaged tail is found after the rows before it were read; the reader's answer
 * fails as a whole). Costs a hash of the compressed bytes, a small part of decompressing and decoding them.
 */
final class CheckedSegmentRows implements Iterator<ArchivedRow> {

    private static final int BUFFER = 1 << 16;

    private final SegmentManifest manifest;
    private final DigestInputStream file;
    private final SegmentFormat.RowIterator rows;
    private boolean checked;

    private CheckedSegmentRows(SegmentManifest manifest, DigestInputStream file, SegmentFormat.RowIterator rows) {
        this.manifest = manifest;
        this.file = file;
        this.rows = rows;
    }

    /** The rows of {@code manifest}'s segment in {@code directory}, in file order; closing the stream closes the file. */
    static Stream<ArchivedRow> of(Path directory, SegmentManifest manifest) {
        DigestInputStream file;
        try {
            file = new DigestInputStream(
                    Files.newInputStream(directory.resolve(manifest.file())), SegmentFiles.digest());
        } catch (NoSuchFileException e) {
            throw new ArchiveCorruptException(manifest.file() + " is named by its manifest but missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archive segment " + directory.resolve(manifest.file()), e);
        }
        SegmentFormat.RowIterator rows;
        try {
            // the parser closes its source at the end; the file stays open for the digest of what it left unread
            rows = SegmentFormat.of(manifest)
                    .rows(new BufferedInputStream(
                            new FilterInputStream(file) {
                                @Override
                                public void close() {}
                            },
                            BUFFER));
        } catch (IOException e) {
            close(file);
            throw damaged(manifest, e);
        }
        var checked = new CheckedSegmentRows(manifest, file, rows);
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(checked, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(checked::close);
    }

    @Override
    public boolean hasNext() {
        boolean more;
        try {
            more = rows.hasNext();
        } catch (RuntimeException e) {
            throw damaged(manifest, e);
        }
        if (!more && !checked) {
            checked = true;
            checkDigest();
        }
        return more;
    }

    @Override
    public ArchivedRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            return rows.next();
        } catch (RuntimeException e) {
            throw damaged(manifest, e);
        }
    }

    /** Hashes what the decompressor left unread (nothing, for a well-formed file), then compares. */
    private void checkDigest() {
        try {
            file.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read archive segment " + manifest.file(), e);
        }
        String sha256 = HexFormat.of().formatHex(file.getMessageDigest().digest());
        if (!sha256.equals(manifest.sha256())) {
            throw new ArchiveCorruptException(
                    manifest.file() + " has SHA-256 " + sha256 + ", its manifest says " + manifest.sha256());
        }
    }

    private void close() {
        try {
            rows.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close(file);
        }
    }

    private static void close(InputStream file) {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArchiveCorruptException damaged(SegmentManifest manifest, Exception e) {
        return new ArchiveCorruptException(
                manifest.file() + " does not decompress and decode as a segment: " + e.getMessage(), e);
    }
}
