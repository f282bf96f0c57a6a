package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.Test;

/**
 * When the warm-up ends: the loop against a scripted compiler clock (a real one's share moves with the machine), and
 * {@link CompilerTime} against this test's own JVM, whose compilers have worked by now.
 */
class SettledWarmUpTest {

    private static final long THIS_JVM = ProcessHandle.current().pid();
    private static final Duration SLICE = Duration.ofMillis(50);

    private final DoubleAdder compilerSeconds = new DoubleAdder();
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void aJvmsCompilerThreadsHaveUsedCpu() {
        assertThat(new CompilerTime(THIS_JVM).seconds()).isPositive();
    }

    @Test
    void serversAreTheCommaSeparatedPidsAndNoneWithoutThem() {
        assertThat(SettledWarmUp.servers(THIS_JVM + ", " + THIS_JVM)).hasSize(2);
        assertThat(SettledWarmUp.servers(" ")).isEmpty();
        assertThat(SettledWarmUp.servers(null)).isEmpty();
    }

    /** Compilers at a whole core through the fixed part and two slices, then idle: done after the third slice. */
    @Test
    void slicesFollowWhileTheCompilersAreBusy() throws Exception {
        Map<String, Object> warmUp = warmUp(Duration.ofSeconds(10), 3);

        assertThat(loads).as("the fixed part and three slices").hasValue(4);
        assertThat(perSlice(warmUp)).hasSize(3);
        assertThat(perSlice(warmUp).subList(0, 2))
                .allSatisfy(cores -> assertThat(cores).isGreaterThan(0.5));
        assertThat(perSlice(warmUp).get(2)).isLessThan(SettledWarmUp.SETTLED_COMPILER_CORES);
    }

    @Test
    void busyCompilersEndTheWarmUpAtItsBound() throws Exception {
        Map<String, Object> warmUp = warmUp(Duration.ofMillis(400), Integer.MAX_VALUE);

        assertThat((Double) warmUp.get("seconds")).isBetween(0.4, 5.0);
        assertThat(perSlice(warmUp)).isNotEmpty().allSatisfy(cores -> assertThat(cores)
                .isGreaterThan(0.5));
    }

    @Test
    void withoutServersOnlyTheFixedPartRuns() throws Exception {
        Map<String, Object> warmUp =
                SettledWarmUp.run(null, SLICE, SLICE, Duration.ofSeconds(10), duration -> loads.incrementAndGet());

        assertThat(loads).hasValue(1);
        assertThat(perSlice(warmUp)).isEmpty();
    }

    /** Each load sleeps its duration; the first {@code busyLoads} of them (the fixed part counts) "compile" all along. */
    private Map<String, Object> warmUp(Duration max, int busyLoads) throws InterruptedException {
        return SettledWarmUp.run(compilerSeconds::sum, SLICE, SLICE, max, duration -> {
            long started = System.nanoTime();
            Thread.sleep(duration.toMillis());
            if (loads.incrementAndGet() <= busyLoads) {
                compilerSeconds.add((System.nanoTime() - started) / 1e9);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Double> perSlice(Map<String, Object> warmUp) {
        return (List<Double>) warmUp.get("compilerCoresPerSlice");
    }
}
