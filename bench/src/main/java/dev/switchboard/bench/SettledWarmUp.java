package dev.switchboard.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A load's unrecorded warm-up that lasts until the servers under it have compiled what the load runs: a fixed part,
 * then slices of {@link #SLICE} while the servers' JIT compiler threads together used more than
 * {@link #SETTLED_COMPILER_CORES} of a core in the last one, up to {@link #MAX} in all. The servers are the process ids
 * in {@code BENCH_SERVER_PIDS} (comma-separated; {@code run.sh} and {@code ab.sh} set it for the node, the second node
 * and the bare floors alike); without it, only the fixed part runs. It prints {@code warm-up done} when it ends, which
 * {@code ab.sh} waits for.
 *
 * <p>Why: on a slower day of this shared box a node's compilers still used 0.26 of a core 60 s into the handshake load
 * and 0.1 to 0.2 for 20 s more (2026-12-05, bench/results/2026-12-05T15-45-51Z), a tenth of the two cores, taken from
 * the node and the load alike while they were measured; a bare floor has less code to compile and settles sooner, so a
 * fixed warm-up favoured it.
 */
public final class SettledWarmUp {

    /** The load a warm-up runs: the same as the measured phases', for the given time, unrecorded. */
    @FunctionalInterface
    public interface Load {
        void run(Duration duration) throws InterruptedException;
    }

    static final Duration SLICE = Duration.ofSeconds(5);
    /** The compilers' share of a core, all servers together, over the last slice below which they count as warm. */
    static final double SETTLED_COMPILER_CORES = 0.10;
    /** However busy the compilers stay, the measured phases start after this much warm-up in all. */
    static final Duration MAX = Duration.ofSeconds(240);

    private SettledWarmUp() {}

    /**
     * Runs {@code load} for {@code fixed}, then in slices while the servers' compilers are busy.
     *
     * @return how long it lasted ({@code seconds}) and the compilers' share of a core in each slice after the fixed part
     *     ({@code compilerCoresPerSlice}; none when no server is named)
     */
    public static Map<String, Object> run(Duration fixed, Load load) throws InterruptedException {
        List<CompilerTime> servers = servers(System.getenv("BENCH_SERVER_PIDS"));
        DoubleSupplier compilerSeconds = servers.isEmpty()
                ? null
                : () -> servers.stream().mapToDouble(CompilerTime::seconds).sum();
        return run(compilerSeconds, fixed, SLICE, MAX, load);
    }

    /**
     * The same for a server that runs in this process ({@code LifecycleDriver}'s in-process node): its own compilers
     * are watched, whatever {@code BENCH_SERVER_PIDS} says.
     */
    public static Map<String, Object> runInThisProcess(Duration fixed, Load load) throws InterruptedException {
        CompilerTime self = new CompilerTime(ProcessHandle.current().pid());
        return run(self::seconds, fixed, SLICE, MAX, load);
    }

    /** @param compilerSeconds the servers' compiler CPU seconds so far; null when no server is named */
    static Map<String, Object> run(
            DoubleSupplier compilerSeconds, Duration fixed, Duration slice, Duration max, Load load)
            throws InterruptedException {
        long start = System.nanoTime();
        load.run(fixed);
        List<Double> perSlice = new ArrayList<>();
        while (compilerSeconds != null && System.nanoTime() - start < max.toNanos()) {
            double before = compilerSeconds.getAsDouble();
            long sliceStart = System.nanoTime();
            load.run(slice);
            double cores = (compilerSeconds.getAsDouble() - before) / ((System.nanoTime() - sliceStart) / 1e9);
            perSlice.add(Math.round(cores * 1000) / 1000.0);
            if (cores < SETTLED_COMPILER_CORES) {
                break;
            }
        }
        Map<String, Object> warmUp = new LinkedHashMap<>();
        warmUp.put("seconds", (System.nanoTime() - start) / 1e9);
        warmUp.put("compilerCoresPerSlice", perSlice);
        System.out.println("warm-up done after " + warmUp);
        return warmUp;
    }

    static List<CompilerTime> servers(String pids) {
        if (pids == null || pids.isBlank()) {
            return List.of();
        }
        return Arrays.stream(pids.split(","))
                .map(String::trim)
                .filter(pid -> !pid.isEmpty())
                .map(pid -> new CompilerTime(Long.parseLong(pid)))
                .toList();
    }
}
