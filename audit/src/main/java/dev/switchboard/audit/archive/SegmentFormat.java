package dev.switchboard.audit.archive;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * How a segment's bytes are laid out, by its manifest's format number. Both are JSON lines in independent compressed
 * blocks (one file to {@code zcat} or {@code zstdcat}); they differ in the compression and in how the byte columns are
 * written.
 */
enum SegmentFormat {
    /** Formats 1 and 2: gzip members; byte columns in base64, rows read by Jackson's data binding. */
    GZIP_BASE64(".jsonl.gz"),
    /** Format 3: zstd frames with their content checksums; byte columns as text ({@link RowLines}). */
    ZSTD_TEXT(".jsonl.zst");

    private static final ObjectReader BOUND_ROWS = SegmentFiles.JSON.readerFor(ArchivedRow.class);
    private static final int BUFFER = 1 << 16;

    private final String suffix;

    SegmentFormat(String suffix) {
        this.suffix = suffix;
    }

    static SegmentFormat of(SegmentManifest manifest) {
        return manifest.format() >= SegmentManifest.ZSTD ? ZSTD_TEXT : GZIP_BASE64;
    }

    /** The segment file's name ends so. */
    String suffix() {
        return suffix;
    }

    /** The rows of a whole segment file's bytes, decompressed as they are read. */
    RowIterator rows(InputStream compressed) throws IOException {
        return switch (this) {
            case GZIP_BASE64 -> bound(BOUND_ROWS.readValues(new GZIPInputStream(compressed, BUFFER)));
            case ZSTD_TEXT ->
                new LineRows(SegmentFiles.JSON.getFactory().createParser(new ZstdInputStream(compressed)));
        };
    }

    /** The JSON lines one compressed block holds. */
    byte[] decompress(byte[] block) throws IOException {
        return switch (this) {
            case GZIP_BASE64 -> new GZIPInputStream(new ByteArrayInputStream(block), BUFFER).readAllBytes();
            case ZSTD_TEXT -> {
                long size = Zstd.getFrameContentSize(block);
                if (size < 0 || size > Integer.MAX_VALUE) {
                    throw new IOException("not one zstd frame with its size");
                }
                try {
                    yield Zstd.decompress(block, (int) size);
                } catch (ZstdException e) { // a frame whose checksum fails, as a gzip member's CRC would
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }

    /** Every row of some JSON lines. */
    List<ArchivedRow> rows(byte[] lines) throws IOException {
        try (RowIterator rows =
                switch (this) {
                    case GZIP_BASE64 -> bound(BOUND_ROWS.readValues(lines));
                    case ZSTD_TEXT ->
                        new LineRows(SegmentFiles.JSON.getFactory().createParser(lines));
                }) {
            List<ArchivedRow> all = new ArrayList<>();
            rows.forEachRemaining(all::add);
            return all;
        }
    }

    /** The row of one JSON line. */
    ArchivedRow row(String line) throws IOException {
        return switch (this) {
            case GZIP_BASE64 -> BOUND_ROWS.readValue(line);
            case ZSTD_TEXT -> {
                try (JsonParser json = SegmentFiles.JSON.getFactory().createParser(line)) {
                    if (json.nextToken() != JsonToken.START_OBJECT) {
                        throw new IOException("a row line holds one JSON object");
                    }
                    yield RowLines.read(json);
                }
            }
        };
    }

    /** Rows read one at a time; closing closes what they are read from. */
    interface RowIterator extends Iterator<ArchivedRow>, Closeable {}

    private static RowIterator bound(MappingIterator<ArchivedRow> rows) {
        return new RowIterator() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public ArchivedRow next() {
                return rows.next();
            }

            @Override
            public void close() throws IOException {
                rows.close();
            }
        };
    }

    /** Format 3 rows, one JSON object after another. */
    private static final class LineRows implements RowIterator {
        private final JsonParser json;
        private ArchivedRow next;

        LineRows(JsonParser json) {
            this.json = json;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    JsonToken token = json.nextToken();
                    if (token == null) {
                        return false;
                    }
                    if (token != JsonToken.START_OBJECT) {
                        throw new ArchiveCorruptException(
                                "a segment line does not start a JSON object at " + json.currentLocation());
                    }
                    next = RowLines.read(json);
                } catch (IOException e) {
                    throw new ArchiveCorruptException("a segment line does not decode: " + e.getMessage(), e);
                }
            }
            return true;
        }

        @Override
        public ArchivedRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ArchivedRow row = next;
            next = null;
            return row;
        }

        @Override
        public void close() throws IOException {
            json.close();
        }
    }
}
