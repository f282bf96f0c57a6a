package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionView;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * One checkpoint row as fixed fields: the position it was opened at, its last position, its preliminary
 * id and state, a byte saying which of the optional fields follow, then those. Strings are {@link PackedStrings};
 * the opening instant is seconds and nanoseconds, the later ones nanoseconds after it, as exact as the events.
 */
final class PackedRows {

    private static final int CONNECTION_ID = 1;
    private static final int USER = 1 << 1;
    private static final int NODE = 1 << 2;
    private static final int OPENED = 1 << 3;
    private static final int AUTHENTICATED = 1 << 4;
    private static final int READY = 1 << 5;
    private static final int CLOSED = 1 << 6;
    private static final int CLOSE_REASON = 1 << 7;

    private PackedRows() {}

    static CheckpointRow read(ByteBuffer in) {
        long openedAt = in.getLong();
        long lastPosition = in.getLong();
        String preliminaryId = PackedStrings.read(in);
        ConnectionState state = ConnectionState.valueOf(PackedStrings.read(in));
        int present = in.get() & 0xff;
        String connectionId = (present & CONNECTION_ID) != 0 ? PackedStrings.read(in) : preliminaryId;
        String userId = (present & USER) != 0 ? PackedStrings.read(in) : null;
        String nodeId = (present & NODE) != 0 ? PackedStrings.read(in) : null;
        Instant opened = (present & OPENED) != 0 ? Instant.ofEpochSecond(in.getLong(), in.getInt()) : null;
        Instant authenticated = (present & AUTHENTICATED) != 0 ? after(opened, in) : null;
        Instant ready = (present & READY) != 0 ? after(opened, in) : null;
        Instant closed = (present & CLOSED) != 0 ? after(opened, in) : null;
        CloseReason reason = (present & CLOSE_REASON) != 0 ? CloseReason.valueOf(PackedStrings.read(in)) : null;
        return new CheckpointRow(
                openedAt,
                new ConnectionView(
                        connectionId,
                        preliminaryId,
                        userId,
                        nodeId,
                        state,
                        opened,
                        authenticated,
                        ready,
                        closed,
                        reason,
                        lastPosition));
    }

    private static Instant after(Instant opened, ByteBuffer in) {
        long nanos = in.getLong();
        return opened == null ? Instant.ofEpochSecond(0, nanos) : opened.plusNanos(nanos);
    }

    /** Writes rows into a growing buffer. */
    static final class Writer {

        private final PackedStrings.Writer out = new PackedStrings.Writer();

        void header(int layout, int count) {
            out.buffer(1 + Integer.BYTES).put((byte) layout).putInt(count);
        }

        void write(CheckpointRow checkpointRow) {
            ConnectionView row = checkpointRow.row();
            boolean renamed = !row.preliminaryId().equals(row.connectionId());
            int present = (renamed ? CONNECTION_ID : 0)
                    | (row.userId() != null ? USER : 0)
                    | (row.nodeId() != null ? NODE : 0)
                    | (row.openedAt() != null ? OPENED : 0)
                    | (row.authenticatedAt() != null ? AUTHENTICATED : 0)
                    | (row.readyAt() != null ? READY : 0)
                    | (row.closedAt() != null ? CLOSED : 0)
                    | (row.closeReason() != null ? CLOSE_REASON : 0);
            out.buffer(2 * Long.BYTES).putLong(checkpointRow.openedAt()).putLong(row.lastPosition());
            out.write(row.preliminaryId());
            out.write(row.state().name());
            out.buffer(1).put((byte) present);
            out.write(renamed ? row.connectionId() : null);
            out.write(row.userId());
            out.write(row.nodeId());
            if (row.openedAt() != null) {
                out.buffer(Long.BYTES + Integer.BYTES)
                        .putLong(row.openedAt().getEpochSecond())
                        .putInt(row.openedAt().getNano());
            }
            after(row.openedAt(), row.authenticatedAt());
            after(row.openedAt(), row.readyAt());
            after(row.openedAt(), row.closedAt());
            out.write(row.closeReason() == null ? null : row.closeReason().name());
        }

        byte[] bytes() {
            return out.bytes();
        }

        private void after(Instant opened, Instant instant) {
            if (instant != null) {
                Instant from = opened == null ? Instant.EPOCH : opened;
                long nanos = Math.multiplyExact(instant.getEpochSecond() - from.getEpochSecond(), 1_000_000_000L)
                        + (instant.getNano() - from.getNano());
                out.buffer(Long.BYTES).putLong(nanos);
            }
        }
    }
}
