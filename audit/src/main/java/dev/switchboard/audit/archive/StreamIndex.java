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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Where a segment holds each of its streams (aggregate identifiers). A segment is written as a run of gzip members of
 * {@value #ROWS_PER_BLOCK} rows each (still one gzip file to any reader); the index names each member's byte offset,
 * the segment's distinct streams sorted, and for each stream the members that hold it. A reader of a few streams
 * decompresses only those members of only the segments that hold them. Exact rather than a Bloom filter: a segment
 * holds a few thousand streams whose ids gzip to a few bytes each, so the list costs little more than a filter, and it
 * also says where in the segment to look. Stored as gzip of one JSON object.
 */
public final class StreamIndex {

    static final int ROWS_PER_BLOCK = 256;

    /** The stored form: {@code blockOffsets} has one entry per block and the file's length last. */
    record Stored(long[] blockOffsets, String[] streams, int[][] blocks) {}

    private final Stored stored;

    private StreamIndex(Stored stored) {
        this.stored = stored;
    }

    /** The index of a segment whose rows have these streams, in file order, in blocks at these offsets. */
    static StreamIndex of(List<String> streamOfEachRow, long[] blockOffsets) {
        Map<String, List<Integer>> blocks = new TreeMap<>();
        for (int row = 0; row < streamOfEachRow.size(); row++) {
            int block = row / ROWS_PER_BLOCK;
            List<Integer> held = blocks.computeIfAbsent(streamOfEachRow.get(row), stream -> new ArrayList<>());
            if (held.isEmpty() || held.get(held.size() - 1) != block) {
                held.add(block);
            }
        }
        return new StreamIndex(new Stored(
                blockOffsets.clone(),
                blocks.keySet().toArray(String[]::new),
                blocks.values().stream()
                        .map(held -> held.stream().mapToInt(Integer::intValue).toArray())
                        .toArray(int[][]::new)));
    }

    /** Whether the segment holds an event of any of {@code wanted}. */
    public boolean holdsAny(Collection<String> wanted) {
        return !blocksOf(wanted).isEmpty();
    }

    /** The byte ranges, {@code [from, to)} in rising order, of the blocks that hold events of {@code wanted}. */
    List<long[]> rangesOf(Collection<String> wanted) {
        BitSet blocks = blocksOf(wanted);
        List<long[]> ranges = new ArrayList<>();
        blocks.stream()
                .forEach(block -> ranges.add(new long[] {stored.blockOffsets[block], stored.blockOffsets[block + 1]}));
        return ranges;
    }

    /** Every block's byte range, in file order. */
    List<long[]> allRanges() {
        List<long[]> ranges = new ArrayList<>();
        for (int block = 0; block + 1 < stored.blockOffsets.length; block++) {
            ranges.add(new long[] {stored.blockOffsets[block], stored.blockOffsets[block + 1]});
        }
        return ranges;
    }

    long[] blockOffsets() {
        return stored.blockOffsets.clone();
    }

    private BitSet blocksOf(Collection<String> wanted) {
        BitSet blocks = new BitSet();
        for (String stream : wanted) {
            int at = Arrays.binarySearch(stored.streams, stream);
            if (at >= 0) {
                Arrays.stream(stored.blocks[at]).forEach(blocks::set);
            }
        }
        return blocks;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamIndex index
                && Arrays.equals(stored.blockOffsets, index.stored.blockOffsets)
                && Arrays.equals(stored.streams, index.stored.streams)
                && Arrays.deepEquals(stored.blocks, index.stored.blocks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stored.streams);
    }

    /** Writes and syncs the index to {@code file}; returns the lowercase hex SHA-256 of its bytes. */
    String write(Path file) throws IOException {
        MessageDigest digest = SegmentFiles.digest();
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            OutputStream hashed = new DigestOutputStream(new BufferedOutputStream(out), digest);
            GZIPOutputStream gzip = new FastestGzip(hashed);
            gzip.write(SegmentFiles.JSON.writeValueAsBytes(stored));
            gzip.finish();
            hashed.flush();
            out.getFD().sync();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** gzip at its fastest level: at the default level, compressing the index took a fifth of a segment's writing. */
    private static final class FastestGzip extends GZIPOutputStream {
        FastestGzip(OutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Reads the index a manifest names, checking its SHA-256 and its shape: streams sorted and distinct, each in
     * blocks that exist, in rising order. */
    static StreamIndex read(Path directory, SegmentManifest manifest) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(directory.resolve(manifest.index()));
        } catch (IOException e) {
            throw new ArchiveCorruptException(
                    manifest.index() + " is named by its manifest but unreadable: " + e.getMessage(), e);
        }
        String sha256 = HexFormat.of().formatHex(SegmentFiles.digest().digest(bytes));
        if (!sha256.equals(manifest.indexSha256())) {
            throw new ArchiveCorruptException(
                    manifest.index() + " has SHA-256 " + sha256 + ", its manifest says " + manifest.indexSha256());
        }
        Stored stored;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            stored = SegmentFiles.JSON.readValue(in, Stored.class);
        } catch (IOException e) {
            throw new ArchiveCorruptException(manifest.index() + " does not decode: " + e.getMessage(), e);
        }
        if (!wellFormed(stored)) {
            throw new ArchiveCorruptException(manifest.index() + " is not a stream index of " + manifest.file());
        }
        return new StreamIndex(stored);
    }

    private static boolean wellFormed(Stored stored) {
        if (stored.streams == null
                || stored.blocks == null
                || stored.blockOffsets == null
                || stored.streams.length != stored.blocks.length
                || stored.blockOffsets.length < 2) {
            return false;
        }
        for (int i = 1; i < stored.blockOffsets.length; i++) {
            if (stored.blockOffsets[i] <= stored.blockOffsets[i - 1]) {
                return false;
            }
        }
        for (int i = 0; i < stored.streams.length; i++) {
            if (i > 0 && stored.streams[i].compareTo(stored.streams[i - 1]) <= 0) {
                return false;
            }
            int[] blocks = stored.blocks[i];
            for (int j = 0; j < blocks.length; j++) {
                if (blocks[j] < 0
                        || blocks[j] >= stored.blockOffsets.length - 1
                        || (j > 0 && blocks[j] <= blocks[j - 1])) {
                    return false;
                }
            }
        }
        return true;
    }
}
