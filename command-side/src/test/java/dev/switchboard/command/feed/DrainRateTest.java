package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DrainRateTest {

    @Test
    void aWriterThatHasLearntNothingExpectsNoWait() {
        assertThat(new DrainRate().timeFor(1_000_000)).isZero();
    }

    @Test
    void theWaitIsTheQueueOverTheRateOfRecentBusyBatches() {
        DrainRate rate = new DrainRate();
        rate.record(1_000, Duration.ofMillis(50).toNanos()); // 20,000 events/s

        assertThat(rate.timeFor(10_000)).isBetween(Duration.ofMillis(499), Duration.ofMillis(501));
    }

    @Test
    void theEstimateFollowsASlowerDatabaseToWithinAQuarterInTenBatches() {
        DrainRate rate = new DrainRate();
        rate.record(1_000, Duration.ofMillis(50).toNanos());
        for (int batch = 0; batch < 10; batch++) {
            rate.record(1_000, Duration.ofMillis(500).toNanos()); // 2,000 events/s
        }

        assertThat(rate.timeFor(2_000)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1_000));
    }
}
