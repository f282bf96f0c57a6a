package dev.switchboard.bench.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.bench.Latencies;
import dev.switchboard.bench.sockets.ReadySockets;
import dev.switchboard.bench.sockets.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code SoakRun <ws uri> <http base> <jdbc url> <archive dir> <out.json> <seconds> <sample seconds> <users>
 * <pushes/s> <churns/s>}: steady load on a node with retention on (see {@link SoakLoad}) for the given seconds, and a
 * sample every few seconds of the event table (size, live and dead tuples, autovacuum runs), the archive (bytes,
 * segments), the push → frame p50/p99 of that interval, what the load got refused, and the node's retention metrics.
 * Where the server's autovacuum is off, the probe vacuums the event table at autovacuum's threshold instead.
 */
public final class SoakRun {

    private static final int CHURN_USERS = 20;

    private SoakRun() {}

    public static void main(String[] args) throws Exception {
        URI ws = URI.create(args[0]);
        URI base = URI.create(args[1]);
        long seconds = Long.parseLong(args[5]);
        long sampleSeconds = Long.parseLong(args[6]);
        int userCount = Integer.parseInt(args[7]);
        String prefix = "bench-soak-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> users = new ArrayList<>();
        List<String> churnUsers = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            users.add(prefix + i);
        }
        for (int i = 0; i < CHURN_USERS; i++) {
            churnUsers.add(prefix + "churn-" + i);
        }
        var tokens = Tokens.fromEnvironment();
        var window = new Window();
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", seconds);
        result.put("sampleSeconds", sampleSeconds);
        result.put("users", userCount);
        result.put("pushesPerSecond", Integer.parseInt(args[8]));
        result.put("churnsPerSecond", Integer.parseInt(args[9]));
        result.put("retention", System.getenv().getOrDefault("SOAK_RETENTION", "?"));
        List<Map<String, Object>> samples = new ArrayList<>();
        result.put("samples", samples);
        try (var sockets =
                        ReadySockets.open(http, ws, userCount, 16, i -> tokens.user(users.get(i)), i -> window::frame);
                var probe = new Probe(args[2], Path.of(args[3]), http, base, tokens.admin());
                var load = new SoakLoad(http, ws, base, tokens, users, churnUsers, window)) {
            if (sockets.ready() < userCount) {
                throw new IllegalStateException(sockets.failed() + " sockets failed: " + sockets.firstFailure());
            }
            boolean autovacuum = probe.autovacuum();
            result.put("serverAutovacuum", autovacuum);
            long start = System.nanoTime();
            load.start(Integer.parseInt(args[8]), Integer.parseInt(args[9]));
            for (long at = sampleSeconds; at <= seconds; at += sampleSeconds) {
                Thread.sleep(Math.max(0, (start + at * 1_000_000_000L - System.nanoTime()) / 1_000_000));
                samples.add(sample((System.nanoTime() - start) / 1e9, window, probe, autovacuum));
                System.out.println("soak " + samples.get(samples.size() - 1));
            }
            result.put(
                    "socketsStillOpen",
                    sockets.sockets().stream().filter(s -> !s.isInputClosed()).count());
        }
        result.put("firstFailure", window.firstFailure.get());
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(Path.of(args[4]).toFile(), result);
        System.exit(0); // the HTTP client's threads may linger on keep-alive connections
    }

    private static Map<String, Object> sample(double at, Window window, Probe probe, boolean autovacuum)
            throws Exception {
        Latencies latencies = window.next();
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("atSeconds", at);
        sample.put("frames", latencies.count());
        sample.put("p50Millis", latencies.percentileMillis(50));
        sample.put("p99Millis", latencies.percentileMillis(99));
        sample.put("accepted", window.accepted.getAndSet(0));
        sample.put("refused", window.refused.getAndSet(0));
        sample.put("churned", window.churned.getAndSet(0));
        sample.put("churnFailed", window.churnFailed.getAndSet(0));
        // the box is shared: the load average says how busy the neighbours kept the cores during the interval
        Path loadAverage = Path.of("/proc/loadavg");
        if (Files.exists(loadAverage)) {
            sample.put(
                    "loadAverage",
                    Double.parseDouble(Files.readString(loadAverage).split(" ")[0]));
        }
        probe.table(sample, autovacuum);
        probe.archive(sample);
        sample.put("retention", probe.retentionMetrics());
        return sample;
    }
}
