package dev.switchboard.bench.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryRunTest {

    @Test
    void theWarmUpRunsTheHighestMeasuredRateUpToTheTargetsRate() {
        assertThat(DeliveryRun.warmUpRate(new double[] {100, 1000, 5000})).isEqualTo(1000);
        assertThat(DeliveryRun.warmUpRate(new double[] {100, 769, 5000})).isEqualTo(769);
        assertThat(DeliveryRun.warmUpRate(new double[] {50})).isEqualTo(50);
    }

    @Test
    void aRunWhoseRatesAreAllAboveTheTargetsRateWarmsUpAtItsLowest() {
        assertThat(DeliveryRun.warmUpRate(new double[] {5000, 2000})).isEqualTo(2000);
    }
}
