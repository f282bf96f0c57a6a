package dev.switchboard.audit.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate and the time left an operator reads while a rebuild runs, derived from what the status table holds. */
class RebuildStatusTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRunningRebuildReportsItsRateAndTheTimeLeftAtThatRate() {
        var status = status(RebuildState.REBUILDING, 5_000, 20_000, null);

        assertThat(status.eventsPerSecond(START.plusSeconds(2))).isEqualTo(2_500);
        assertThat(status.etaSeconds(START.plusSeconds(2))).isEqualTo(6);
    }

    @Test
    void aRebuildThatHasReadNothingYetHasNoRateAndNoEstimate() {
        var status = status(RebuildState.REBUILDING, 0, 20_000, null);

        assertThat(status.eventsPerSecond(START.plusSeconds(2))).isZero();
        assertThat(status.etaSeconds(START.plusSeconds(2))).isNull();
    }

    @Test
    void aFinishedRebuildKeepsItsRateOverItsOwnDurationAndHasNothingLeft() {
        var status = status(RebuildState.SWITCHED, 20_000, 20_000, START.plusSeconds(4));

        assertThat(status.eventsPerSecond(START.plusSeconds(3_600))).isEqualTo(5_000);
        assertThat(status.etaSeconds(START.plusSeconds(3_600))).isZero();
    }

    @Test
    void aDifferenceReadsAsOneSentence() {
        assertThat(RegistryDifference.column("pre_1", "state", "CLOSED", "READY")
                        .describe())
                .isEqualTo("pre_1: state differs: live CLOSED, rebuilt READY");
        assertThat(RegistryDifference.missingRow("pre_2").describe())
                .isEqualTo("pre_2: missing from the live registry");
    }

    private static RebuildStatus status(RebuildState state, long done, long total, Instant finishedAt) {
        return new RebuildStatus(
                "registry", state, 0, done, total, START, finishedAt, START, "node/run", null, null, null, List.of());
    }
}
