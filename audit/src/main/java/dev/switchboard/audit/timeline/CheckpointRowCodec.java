package dev.switchboard.audit.timeline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checkpoint rows packed as fixed fields ({@link PackedRows}), in the order given, behind a layout byte and the row
 * count; and lists of ids the same way. Reading a row back costs a few hundred nanoseconds where gzipped JSON cost
 * several microseconds, which was most of a {@code registry-at}. Not deflated: the ids are stored as their 16 bytes
 * already, and inflating cost as much again as reading the rows (PostgreSQL still compresses a large value it stores).
 */
final class CheckpointRowCodec {

    /** The first byte of every packed list: a later layout takes the next number. */
    private static final int LAYOUT = 1;

    private CheckpointRowCodec() {}

    static byte[] pack(List<CheckpointRow> rows) {
        var out = new PackedRows.Writer();
        out.header(LAYOUT, rows.size());
        rows.forEach(out::write);
        return out.bytes();
    }

    static List<CheckpointRow> unpack(byte[] packed) {
        return each(packed, PackedRows::read);
    }

    static byte[] packIds(List<String> ids) {
        var out = new PackedStrings.Writer();
        out.buffer(1 + Integer.BYTES).put((byte) LAYOUT).putInt(ids.size());
        ids.forEach(out::write);
        return out.bytes();
    }

    static List<String> unpackIds(byte[] packed) {
        return each(packed, PackedStrings::read);
    }

    private static <T> List<T> each(byte[] packed, Function<ByteBuffer, T> read) {
        ByteBuffer in = ByteBuffer.wrap(packed);
        List<T> rows = new ArrayList<>(count(in));
        while (in.hasRemaining()) {
            rows.add(read.apply(in));
        }
        return rows;
    }

    private static int count(ByteBuffer in) {
        int layout = in.get() & 0xff;
        if (layout != LAYOUT) {
            throw new IllegalStateException("a registry checkpoint has layout " + layout + ", this version reads "
                    + LAYOUT + ": a node of a newer version wrote it");
        }
        return in.getInt();
    }
}
