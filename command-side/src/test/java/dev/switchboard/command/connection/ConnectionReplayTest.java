package dev.switchboard.command.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.connection.RejectionCode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replaying stored events through the real aggregate's handlers reports the state after each event. */
class ConnectionReplayTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void reportsTheStateAfterEachEventOfALifecycle() {
        var replay = new ConnectionReplay();
        assertThat(replay.current()).isEqualTo(ConnectionSnapshot.NONE);
        assertThat(replay.apply(new ConnectionOpened("p", "n", AT)).state()).isEqualTo(ConnectionState.OPENED);
        assertThat(replay.apply(new ConnectionAuthenticated("p", "u", AT, AT)))
                .isEqualTo(new ConnectionSnapshot("p", ConnectionState.AUTHENTICATED, "u", null, null));
        assertThat(replay.apply(new ConnectionCommandRejected(
                                "p",
                                "MarkConnectionReady",
                                Map.of(),
                                ConnectionState.AUTHENTICATED,
                                RejectionCode.NOT_MIGRATED,
                                "no final id",
                                AT))
                        .state())
                .as("a refusal changes nothing")
                .isEqualTo(ConnectionState.AUTHENTICATED);
        assertThat(replay.apply(new ConnectionIdMigrated("p", "f", "u", AT)).finalId())
                .isEqualTo("f");
        assertThat(replay.apply(new ConnectionMarkedReady("p", "f", AT)).state())
                .isEqualTo(ConnectionState.READY);
        assertThat(replay.apply(new ConnectionClosed(
                                "p", ConnectionState.READY, CloseReason.CLIENT_CLOSED, null, "n", AT))
                        .state())
                .isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void aClaimStreamReportsWhichConnectionHoldsTheFinalId() {
        assertThat(new ConnectionReplay().apply(new FinalIdClaimed("f", "p", AT)))
                .isEqualTo(new ConnectionSnapshot("f", null, null, null, "p"));
    }
}
