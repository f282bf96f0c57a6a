package dev.switchboard.bench.handshake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.bench.Latencies;
import dev.switchboard.bench.SettledWarmUp;
import dev.switchboard.bench.sockets.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * {@code HandshakeLoad <ws uri> <out.json> <concurrency> <seconds>}, with the HS256 secret in
 * {@code BENCH_JWT_SECRET}: first a closed loop of {@code concurrency} clients gives the peak handshakes per second;
 * then the same clients paced to half that peak give the latency a node shows when it is not saturated. The warm-up
 * before them lasts until the server's JIT compilers have settled ({@link SettledWarmUp}).
 */
public final class HandshakeLoad {

    private static final int USERS = 200;
    private static final long TIMEOUT_MILLIS = 10_000;
    /**
     * Unrecorded handshakes first. The node starts just before the load, and its JIT compilers need minutes of it on
     * two cores: with 2 s of warm-up they took 40 s of CPU during a 30 s run, and with 15 s they still spent 1 to 1.5
     * s of CPU per second through the recorded phases (JFR, jdk.CompilerStatistics), most of a core of the two. A
     * node serves for hours; the figure is meant to be its steady state. This is the fixed part; more follows while
     * the server's compilers are busy.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(60);

    private HandshakeLoad() {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        Path out = Path.of(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
        String[] tokens = tokens();
        HttpClient client = HttpClient.newHttpClient();

        Map<String, Object> warmUp =
                SettledWarmUp.run(WARM_UP, slice -> phase(client, uri, tokens, concurrency, slice, 0));
        Map<String, Object> peak = phase(client, uri, tokens, concurrency, duration, 0);
        double halfRate = (double) peak.get("handshakesPerSecond") / 2;
        if (halfRate == 0) {
            throw new IllegalStateException("no handshake completed: " + peak);
        }
        Map<String, Object> half = phase(client, uri, tokens, concurrency, duration, halfRate);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("uri", uri.toString());
        result.put("concurrency", concurrency);
        result.put("warmUp", warmUp);
        result.put("peak", peak);
        result.put("halfPeak", half);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println("handshakes " + uri + ": " + result);
        System.exit(0); // the HTTP client's threads may linger on sockets the server has not closed yet
    }

    /** Runs the clients; with {@code rate} > 0 they start handshakes on a shared schedule instead of back to back. */
    private static Map<String, Object> phase(
            HttpClient client, URI uri, String[] tokens, int concurrency, Duration duration, double rate)
            throws InterruptedException {
        var latencies = new Latencies();
        var failures = new AtomicLong();
        var firstFailure = new AtomicReference<String>();
        var ticket = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            Thread thread = new Thread(
                    () -> {
                        while (true) {
                            long n = ticket.getAndIncrement();
                            if (rate > 0) {
                                // open loop: handshake n is due at start + n / rate, however long earlier ones took
                                long due = start + (long) (n * 1e9 / rate);
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    sleepNanos(wait);
                                }
                            }
                            if (System.nanoTime() >= deadline) {
                                return;
                            }
                            try {
                                latencies.record(TimedHandshake.run(
                                        client, uri, tokens[(int) (n % tokens.length)], TIMEOUT_MILLIS));
                            } catch (Exception e) {
                                failures.incrementAndGet();
                                firstFailure.compareAndSet(null, String.valueOf(e));
                            }
                        }
                    },
                    "handshake-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("targetRate", rate);
        phase.put("seconds", seconds);
        phase.put("handshakes", latencies.count());
        phase.put("failures", failures.get());
        phase.put("handshakesPerSecond", latencies.count() / seconds);
        phase.put("p50Millis", latencies.percentileMillis(50));
        phase.put("p99Millis", latencies.percentileMillis(99));
        phase.put("firstFailure", firstFailure.get());
        return phase;
    }

    /** One token per benchmark user, minted once: signing is the issuer's cost, not the gateway's. */
    private static String[] tokens() {
        Tokens tokens = Tokens.fromEnvironment();
        return IntStream.range(0, USERS)
                .mapToObj(i -> tokens.user("bench-user-" + i))
                .toArray(String[]::new);
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
