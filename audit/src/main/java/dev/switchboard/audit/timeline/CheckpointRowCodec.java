package dev.switchboard.audit.timeline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checkpoint rows packed as fixed fields ({@link PackedRows}), in the order given, behind a layout byte and the row
 * count. Reading a row back costs a few hundred nanoseconds where gzipped JSON cost several microseconds, which was
 * most of a {@code registry-at}. Not deflated: the ids are stored as their 16 bytes already, and inflating cost as
 * much again as reading the rows, for a tenth of the size. Each row starts with its length, so that the ids of closed
 * rows (all that bringing the open rows forward needs of them) are read without the rest.
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

    /** The preliminary ids of the rows, without reading the rest of them. */
    static List<String> unpackIds(byte[] packed) {
        return each(packed, PackedRows::readId);
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
