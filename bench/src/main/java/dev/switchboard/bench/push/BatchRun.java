package dev.switchboard.bench.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.bench.CopyFloor;
import dev.switchboard.bench.SettledWarmUp;
import dev.switchboard.bench.sockets.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code BatchRun <http base> <jdbc url, user included> <out.json> <seconds> <max events>}: events per second of
 * {@code POST /api/events}, 1,000 events a request spread over 1,000 users, 4 senders in a closed loop for the seconds
 * given or until the max events are accepted, after an unrecorded warm-up of 5 s and then until the node's JIT
 * compilers settle ({@link SettledWarmUp}; the node's pid in {@code BENCH_SERVER_PIDS}); next to COPY of as many rows
 * of the same shape into a fresh table of the same database (best of three), and the event table's own floors
 * ({@link EventTableFloor}). A node without the endpoint (any answer but 202 to the first batch, 404 before issue 12)
 * is recorded as not available, with its answer, and COPY of the max events is still measured.
 */
public final class BatchRun {

    static final int BATCH = 1_000;
    private static final int SENDERS = 4;
    private static final int USERS = 1_000;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchRun() {}

    public static void main(String[] args) throws Exception {
        run(
                URI.create(args[0]),
                args[1],
                Path.of(args[2]),
                WARM_UP,
                Duration.ofSeconds(Long.parseLong(args[3])),
                Long.parseLong(args[4]),
                Tokens.fromEnvironment());
        System.exit(0);
    }

    public static Map<String, Object> run(
            URI base, String jdbcUrl, Path out, Duration warmUp, Duration duration, long maxEvents, Tokens tokens)
            throws Exception {
        var events =
                new BatchEvents("bench-batch-" + UUID.randomUUID().toString().substring(0, 8) + "-", USERS);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = tokens.publisher();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("batchSize", BATCH);
        result.put("users", USERS);
        HttpResponse<String> probe = send(http, base, token, events.body(0, BATCH));
        long rows = maxEvents;
        if (probe.statusCode() != 202) {
            result.put("available", false);
            result.put("answer", probe.statusCode() + " " + probe.body());
        } else {
            result.put("available", true);
            result.put(
                    "warmUp",
                    SettledWarmUp.run(warmUp, slice -> load(http, base, token, events, slice, Long.MAX_VALUE)));
            Map<String, Object> measured = load(http, base, token, events, duration, maxEvents);
            result.putAll(measured);
            rows = (long) measured.get("events");
            result.put("eventTable", EventTableFloor.measure(jdbcUrl, "feed:" + events.prefix(), rows));
        }
        try (var connection = DriverManager.getConnection(jdbcUrl)) {
            double seconds = CopyFloor.bestSeconds(
                    connection, BatchEvents.TABLE, BatchEvents.CREATE_TABLE, events.rows(rows), 3);
            result.put("copyRows", rows);
            result.put("copySeconds", seconds);
            result.put("copyEventsPerSecond", rows / seconds);
        }
        System.out.println("batch: " + result);
        Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        return result;
    }

    private static Map<String, Object> load(
            HttpClient http, URI base, String token, BatchEvents events, Duration duration, long maxEvents)
            throws InterruptedException {
        var answers = new Answers();
        double seconds = ClosedLoop.run("batch", SENDERS, duration, n -> {
            if ((n + 1) * BATCH > maxEvents) {
                return false;
            }
            long began = System.nanoTime();
            var request = Publish.batch(base, token, events.body(n * BATCH, BATCH), TIMEOUT);
            answers.send(http, request, began, answer -> results(answer).size() == BATCH);
            return !Thread.currentThread().isInterrupted();
        });
        Map<String, Object> result = answers.figures(SENDERS, seconds);
        result.put("events", answers.accepted() * BATCH);
        result.put("eventsPerSecond", answers.accepted() * BATCH / seconds);
        return result;
    }

    /** The {@code results} of a batch's answer; empty when it has none. */
    static JsonNode results(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body()).path("results");
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }

    static HttpResponse<String> send(HttpClient http, URI base, String token, String body)
            throws IOException, InterruptedException {
        return http.send(Publish.batch(base, token, body, TIMEOUT), HttpResponse.BodyHandlers.ofString());
    }
}
