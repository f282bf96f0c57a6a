package dev.switchboard.audit.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A checkpoint gives back exactly the rows it was given, in their order, whatever their ids look like. */
class CheckpointRowCodecTest {

    private static final Instant OPENED = Instant.parse("2026-03-01T10:00:00.123456789Z");

    @Test
    void rowsReadBackUnchangedInTheirOrder() {
        String uuid = UUID.randomUUID().toString();
        List<CheckpointRow> rows = List.of(
                row(7, "pre_" + uuid, "conn_" + UUID.randomUUID(), "ann", "node-a", ConnectionState.READY, null),
                row(9, uuid, uuid, null, "node-b", ConnectionState.OPENED, null),
                row(
                        3,
                        "pre_" + uuid.toUpperCase(),
                        "pre_" + uuid.toUpperCase(),
                        "bob",
                        null,
                        ConnectionState.CLOSED,
                        CloseReason.NODE_LOST),
                row(11, "ünïcode-" + uuid, "x", "", "n", ConnectionState.AUTHENTICATED, null),
                new CheckpointRow(
                        12,
                        new ConnectionView(
                                "c", "c", null, "n", ConnectionState.OPENED, null, null, null, null, null, 12)));

        byte[] packed = CheckpointRowCodec.pack(rows);

        assertThat(CheckpointRowCodec.unpack(packed)).isEqualTo(rows);
        List<String> ids = rows.stream().map(row -> row.row().preliminaryId()).toList();
        assertThat(CheckpointRowCodec.unpackIds(CheckpointRowCodec.packIds(ids)))
                .isEqualTo(ids);
        assertThat(CheckpointRowCodec.unpack(CheckpointRowCodec.pack(List.of())))
                .isEmpty();
    }

    @Test
    void manyRowsOutgrowTheFirstBuffer() {
        List<CheckpointRow> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(row(
                    i,
                    "pre_" + UUID.randomUUID(),
                    "conn_" + UUID.randomUUID(),
                    "user-" + i,
                    "node-" + (i % 3),
                    ConnectionState.CLOSED,
                    CloseReason.values()[i % CloseReason.values().length]));
        }

        assertThat(CheckpointRowCodec.unpack(CheckpointRowCodec.pack(rows))).isEqualTo(rows);
    }

    @Test
    void aLayoutThisVersionDoesNotKnowIsRefusedBySaying() {
        byte[] packed = CheckpointRowCodec.pack(List.of());
        packed[0] = 2;

        assertThatThrownBy(() -> CheckpointRowCodec.unpack(packed))
                .hasMessageContaining("layout 2")
                .hasMessageContaining("newer version");
    }

    private static CheckpointRow row(
            long position,
            String id,
            String finalId,
            String user,
            String node,
            ConnectionState state,
            CloseReason why) {
        boolean closed = state == ConnectionState.CLOSED;
        Instant ready = state == ConnectionState.READY || closed ? OPENED.plusSeconds(86_400 * 400) : null;
        return new CheckpointRow(
                position,
                new ConnectionView(
                        finalId,
                        id,
                        user,
                        node,
                        state,
                        OPENED,
                        state == ConnectionState.OPENED ? null : OPENED.plusNanos(1_500_000_001),
                        ready,
                        closed ? OPENED.minusNanos(7) : null,
                        why,
                        position + 5));
    }
}
