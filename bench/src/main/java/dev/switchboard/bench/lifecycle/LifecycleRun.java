package dev.switchboard.bench.lifecycle;

/**
 * One level of the lifecycle benchmark.
 *
 * @param lifecycles complete lifecycles (open, authenticate, migrate, ready, close) committed in the window
 * @param failures lifecycles that threw; none is expected, so any is reported next to the figure
 * @param eventsPerLifecycle commands per lifecycle, each one event (the migration's FinalIdClaimed is a sixth row)
 * @param nodeCpuMicrosPerLifecycle CPU time the node's JVM (every thread, GC included) spent per lifecycle in the
 *     window: unlike the rate, it hardly moves when other processes share the cores, so it shows a change of cost on
 *     a noisy machine
 */
public record LifecycleRun(
        int callers,
        double seconds,
        long lifecycles,
        long failures,
        int eventsPerLifecycle,
        double p50Millis,
        double p99Millis,
        double nodeCpuMicrosPerLifecycle) {

    public double lifecyclesPerSecond() {
        return lifecycles / seconds;
    }

    public double eventsPerSecond() {
        return lifecyclesPerSecond() * eventsPerLifecycle;
    }
}
