package dev.switchboard.bench.push;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code PushRun <label> <ws uri> <http base> <out.json> <warm-up s> <seconds>}: pushes accepted per second in a
 * closed loop. 200 users hold one READY socket each; 32 senders push round-robin over them, first unrecorded for the
 * warm-up, then for the measured seconds. After the senders stop it waits, at most 15 s, until every socket has
 * received its feed's head (the highest seq the 202 answers gave for its user), then joins answers and frames: the
 * push → frame latency of every measured push that arrived, how many arrived more than 1 s after they were sent
 * (late) and how many never arrived (missing), so a slow delivery and a lost one are told apart.
 */
public final class PushRun {

    static final int USERS = 200;
    static final int SENDERS = 32;
    private static final Duration DRAIN = Duration.ofSeconds(15);
    private static final Duration LATE = Duration.ofSeconds(1);

    private PushRun() {}

    public static void main(String[] args) throws Exception {
        run(
                args[0],
                URI.create(args[1]),
                URI.create(args[2]),
                Path.of(args[3]),
                Duration.ofSeconds(Long.parseLong(args[4])),
                Duration.ofSeconds(Long.parseLong(args[5])),
                USERS,
                SENDERS,
                Tokens.fromEnvironment());
        System.exit(0); // the HTTP client's threads may linger on keep-alive connections
    }

    public static Map<String, Object> run(
            String label,
            URI ws,
            URI base,
            Path out,
            Duration warmUp,
            Duration duration,
            int userCount,
            int senders,
            Tokens tokens)
            throws Exception {
        String prefix = "bench-push-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> users = new ArrayList<>();
        FeedTally[] feeds = new FeedTally[userCount];
        for (int i = 0; i < userCount; i++) {
            users.add(prefix + i);
            feeds[i] = new FeedTally();
        }
        var client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (var sockets =
                ReadySockets.open(client, ws, userCount, 16, i -> tokens.user(users.get(i)), i -> feeds[i]::frame)) {
            if (sockets.ready() < userCount) {
                throw new IllegalStateException(sockets.failed() + " sockets failed: " + sockets.firstFailure());
            }
            var load = new PushLoad(client, base, tokens.publisher(), users, feeds);
            Map<String, Object> warmedUp = SettledWarmUp.run(warmUp, slice -> load.run(senders, slice, false));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("label", label);
            result.put("users", userCount);
            result.put("warmUpSeconds", warmUp.toSeconds());
            result.put("warmUp", warmedUp);
            result.putAll(load.run(senders, duration, true));
            result.put("frames", frames(feeds));
            System.out.println("push " + label + ": " + result);
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
            return result;
        }
    }

    private static Map<String, Object> frames(FeedTally[] feeds) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + DRAIN.toNanos();
        while (!allAtHead(feeds) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double drainSeconds = (System.nanoTime() - started) / 1e9;
        var pushToFrame = new Latencies();
        var counts = new FeedTally.Counts();
        for (FeedTally feed : feeds) {
            feed.addTo(counts, pushToFrame, LATE.toNanos());
        }
        Map<String, Object> frames = new LinkedHashMap<>();
        frames.put("measuredPushes", counts.expected);
        frames.put("arrived", pushToFrame.count());
        frames.put("p50Millis", pushToFrame.percentileMillis(50));
        frames.put("p99Millis", pushToFrame.percentileMillis(99));
        frames.put("maxMillis", pushToFrame.percentileMillis(100));
        frames.put("lateAfterMillis", LATE.toMillis());
        frames.put("late", counts.late);
        frames.put("missing", counts.missing);
        frames.put("duplicates", counts.duplicates);
        frames.put("socketsAtHead", counts.atHead);
        frames.put("drainSeconds", drainSeconds);
        return frames;
    }

    private static boolean allAtHead(FeedTally[] feeds) {
        for (FeedTally feed : feeds) {
            if (!feed.atHead()) {
                return false;
            }
        }
        return true;
    }
}
