package dev.switchboard.audit.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.CharsetDecoder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes rows as a format 3 segment file: JSON lines ({@link RowLines}) in zstd frames of {@link
 * StreamIndex#ROWS_PER_BLOCK} rows, each frame with its content size and checksum, synced. It computes, while writing,
 * what the manifest and the read-back need: the file's SHA-256, CRC32C of the file and of the lines, where each frame
 * starts and how many bytes of lines it holds. One thread's work: segments are encoded on several at once.
 */
final class SegmentEncoder {

    /** zstd's level 1: about as fast as gzip's fastest at a third less size here, and a third of its time or less. */
    static final int LEVEL = 1;

    /** What was written. {@code blockOffsets} has the file's length last; {@code blockLines} is each block's size. */
    record Encoded(String sha256, int fileCrc, int linesCrc, long[] blockOffsets, int[] blockLines) {}

    private SegmentEncoder() {}

    static Encoded write(Path segment, List<ArchivedRow> rows) throws IOException {
        int blocks = (rows.size() + StreamIndex.ROWS_PER_BLOCK - 1) / StreamIndex.ROWS_PER_BLOCK;
        long[] offsets = new long[blocks + 1];
        int[] blockLines = new int[blocks];
        MessageDigest sha256 = SegmentFiles.digest();
        CRC32C fileCrc = new CRC32C();
        CRC32C linesCrc = new CRC32C();
        CharsetDecoder text = RowLines.strictUtf8();
        var lines = new Lines();
        byte[] frame = new byte[0];
        try (ZstdCompressCtx zstd = new ZstdCompressCtx();
                JsonGenerator json = SegmentFiles.JSON.getFactory().createGenerator(lines);
                FileOutputStream file = new FileOutputStream(segment.toFile())) {
            zstd.setLevel(LEVEL).setChecksum(true).setContentSize(true);
            json.setRootValueSeparator(null);
            long written = 0;
            for (int block = 0; block < blocks; block++) {
                lines.reset();
                int from = block * StreamIndex.ROWS_PER_BLOCK;
                for (ArchivedRow row : rows.subList(from, Math.min(rows.size(), from + StreamIndex.ROWS_PER_BLOCK))) {
                    RowLines.write(json, row, text);
                    json.writeRaw('\n');
                }
                json.flush();
                blockLines[block] = lines.size();
                linesCrc.update(lines.bytes(), 0, lines.size());
                int bound = (int) Zstd.compressBound(lines.size());
                frame = frame.length < bound ? new byte[bound] : frame;
                int size = zstd.compressByteArray(frame, 0, frame.length, lines.bytes(), 0, lines.size());
                sha256.update(frame, 0, size);
                fileCrc.update(frame, 0, size);
                file.write(frame, 0, size);
                offsets[block] = written;
                written += size;
            }
            offsets[blocks] = written;
            file.getFD().sync();
        }
        return new Encoded(
                HexFormat.of().formatHex(sha256.digest()),
                (int) fileCrc.getValue(),
                (int) linesCrc.getValue(),
                offsets,
                blockLines);
    }

    /** A block's lines, handed to the compressor without a copy. */
    private static final class Lines extends ByteArrayOutputStream {
        Lines() {
            super(1 << 18);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
