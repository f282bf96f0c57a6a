package dev.switchboard.bench.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.bench.Latencies;
import dev.switchboard.bench.SettledWarmUp;
import dev.switchboard.bench.sockets.ReadySockets;
import dev.switchboard.bench.sockets.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code DeliveryRun <push|echo> <ws uri> <publish base uri|-> <out.json> <rates/s> <seconds> <sockets>}: the time from
 * an event's scheduled send to its frame on a client socket. Opens {@code sockets} READY sockets, one user each, then,
 * per rate, sends events on an open-loop schedule (event n is due at start + n / rate, whatever earlier ones cost, and
 * its latency is counted from then, so a stalled server cannot hide behind a waiting sender). {@code push} posts each
 * event to the node's API ({@code publish base}, which may be another node than the sockets'); {@code echo} sends it
 * on a socket of the bare handler, which echoes it: the floor of the same stack and client.
 */
public final class DeliveryRun {

    private static final int SENDERS = 64;
    /**
     * Unrecorded events first, the fixed part of the warm-up ({@link SettledWarmUp}: more follows while the servers'
     * compilers are busy). It was 3 s, and the JIT compilers of a fresh node then compiled through every measured rate
     * (1 m 45 s of compilation over the run, 2026-11-28).
     */
    private static final Duration WARM_UP = Duration.ofSeconds(30);

    /**
     * The warm-up's rate: the highest measured rate up to this one (the delivery targets hold at 1,000/s and
     * at half the push peak), so the warm-up runs the paths and batch sizes that the measured phases run. It was the
     * first rate, at most 200/s, and a node whose compilers had settled at 100/s compiled again for 5.5 of the 10 s at
     * 1,000/s, half a core taken while that phase was measured (bench/results/2026-12-05T20-04-41Z, the node's
     * {@code jdk.CompilerStatistics}).
     */
    static final double WARM_UP_RATE_CAP = 1000;

    private static final Duration STRAGGLERS = Duration.ofSeconds(5);
    private static final Duration LATE = Duration.ofSeconds(2);

    private DeliveryRun() {}

    public static void main(String[] args) throws Exception {
        double[] rates = Arrays.stream(args[4].split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        run(
                args[0],
                URI.create(args[1]),
                args[2].equals("-") ? null : URI.create(args[2]),
                Path.of(args[3]),
                rates,
                Duration.ofSeconds(Long.parseLong(args[5])),
                Integer.parseInt(args[6]),
                Tokens.fromEnvironment(),
                WARM_UP);
        System.exit(0);
    }

    /** @param warmUp the warm-up's fixed part ({@link #WARM_UP} from the command line) */
    public static Map<String, Object> run(
            String mode,
            URI ws,
            URI publishBase,
            Path out,
            double[] rates,
            Duration perRate,
            int socketCount,
            Tokens tokens,
            Duration warmUp)
            throws Exception {
        var stamps = new Stamps(rates.length + 1);
        String prefix = "bench-delivery-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> users = new ArrayList<>();
        for (int i = 0; i < socketCount; i++) {
            users.add(prefix + i);
        }
        var client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (var sockets =
                ReadySockets.open(client, ws, socketCount, 16, i -> tokens.user(users.get(i)), i -> stamps::frame)) {
            if (sockets.ready() < socketCount) {
                throw new IllegalStateException(sockets.failed() + " sockets failed: " + sockets.firstFailure());
            }
            Senders senders = mode.equals("echo")
                    ? Senders.echo(sockets.sockets())
                    : Senders.push(client, publishBase, tokens.publisher(), users);
            Map<String, Object> warmedUp = SettledWarmUp.run( // not reported: JIT, pools, caches
                    warmUp, slice -> phase(senders, stamps, 0, warmUpRate(rates), slice));
            List<Map<String, Object>> measured = new ArrayList<>();
            for (int i = 0; i < rates.length; i++) {
                measured.add(phase(senders, stamps, i + 1, rates[i], perRate));
                System.out.println("delivery " + mode + " " + ws + ": " + measured.get(i));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("mode", mode);
            result.put("sockets", socketCount);
            result.put("warmUp", warmedUp);
            result.put("warmUpRate", warmUpRate(rates));
            result.put("rates", measured);
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
            return result;
        }
    }

    /** The highest of {@code rates} up to {@link #WARM_UP_RATE_CAP}; the lowest when every rate is above it. */
    static double warmUpRate(double[] rates) {
        double[] within =
                Arrays.stream(rates).filter(rate -> rate <= WARM_UP_RATE_CAP).toArray();
        return within.length > 0
                ? Arrays.stream(within).max().orElseThrow()
                : Arrays.stream(rates).min().orElseThrow();
    }

    private static Map<String, Object> phase(Senders senders, Stamps stamps, int phase, double rate, Duration duration)
            throws InterruptedException {
        var accepted = new AtomicLong();
        var refused = new AtomicLong();
        var ticket = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Thread thread = new Thread(
                    () -> {
                        while (true) {
                            long n = ticket.getAndIncrement();
                            long due = start + (long) (n * 1e9 / rate);
                            if (due >= deadline || System.nanoTime() >= deadline + LATE.toNanos()) {
                                return; // a server far behind the schedule: what was not sent is reported as unsent
                            }
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                sleepNanos(wait);
                            }
                            try {
                                (senders.send(n, phase, due) ? accepted : refused).incrementAndGet();
                            } catch (Exception e) {
                                refused.incrementAndGet();
                            }
                        }
                    },
                    "sender-" + s);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Latencies latencies = stamps.phase(phase);
        long stragglers = System.nanoTime() + STRAGGLERS.toNanos();
        while (latencies.count() < accepted.get() && System.nanoTime() < stragglers) {
            Thread.sleep(50);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("targetRate", rate);
        result.put("sentPerSecond", (accepted.get() + refused.get()) / seconds);
        result.put("accepted", accepted.get());
        result.put("refused", refused.get());
        result.put("unsent", Math.max(0, (long) (rate * duration.toNanos() / 1e9) - accepted.get() - refused.get()));
        result.put("received", latencies.count());
        result.put("p50Millis", latencies.percentileMillis(50));
        result.put("p99Millis", latencies.percentileMillis(99));
        result.put("maxMillis", latencies.percentileMillis(100));
        return result;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
