package dev.switchboard.audit.archive;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads a format 3 segment back from the disk once, before its manifest exists: its bytes must be those written (CRC32C
 * of the file) and each frame must decompress, its zstd checksum intact, to exactly the lines encoded from the rows
 * (their size and CRC32C). {@link RowLines} decodes to the row it encoded ({@code ArchiveTest}), so the manifest made
 * from the rows describes the file. CRC32C rather than SHA-256: this catches a write the disk did not keep, not an
 * adversary, and runs at memory speed; the manifest still carries the file's SHA-256, computed while writing.
 */
final class SegmentReadBack {

    private SegmentReadBack() {}

    static void require(Path segment, SegmentEncoder.Encoded written) throws IOException {
        byte[] file = Files.readAllBytes(segment);
        CRC32C fileCrc = new CRC32C();
        fileCrc.update(file);
        long[] offsets = written.blockOffsets();
        if (file.length != offsets[offsets.length - 1] || (int) fileCrc.getValue() != written.fileCrc()) {
            throw new ArchiveCorruptException(segment.getFileName() + " does not read back as written");
        }
        CRC32C linesCrc = new CRC32C();
        byte[] lines = new byte[0];
        try (ZstdDecompressCtx zstd = new ZstdDecompressCtx()) {
            for (int block = 0; block < written.blockLines().length; block++) {
                int expected = written.blockLines()[block];
                lines = lines.length < expected ? new byte[expected] : lines;
                int from = (int) offsets[block];
                int size = zstd.decompressByteArray(lines, 0, expected, file, from, (int) offsets[block + 1] - from);
                if (size != expected) {
                    throw new ArchiveCorruptException(segment.getFileName() + "'s block " + block + " holds " + size
                            + " bytes of lines, " + expected + " were written");
                }
                linesCrc.update(lines, 0, size);
            }
        } catch (ZstdException e) {
            throw new ArchiveCorruptException(segment.getFileName() + " does not decompress: " + e.getMessage(), e);
        }
        if ((int) linesCrc.getValue() != written.linesCrc()) {
            throw new ArchiveCorruptException(segment.getFileName() + " does not decompress to the lines written");
        }
    }
}
