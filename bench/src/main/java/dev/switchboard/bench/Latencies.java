package dev.switchboard.bench;

import java.util.Arrays;

/** Latencies recorded from many threads; a synchronized array is cheap next to a database round trip. */
public final class Latencies {

    private long[] nanos = new long[1 << 12];
    private int size;

    public synchronized void record(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    public synchronized int count() {
        return size;
    }

    /** The nearest-rank percentile, in milliseconds; 0 when nothing was recorded. */
    public synchronized double percentileMillis(double percentile) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }
}
