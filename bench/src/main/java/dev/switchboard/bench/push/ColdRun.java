package dev.switchboard.bench.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.bench.Latencies;
import dev.switchboard.bench.sockets.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cold publish, in two calls around a restart of the node by run.sh. {@code ColdRun fill <http base> <fill.json>
 * <fresh users> <events>}: on a node of a fresh database, after 10 s of unrecorded pushes, the latency of the first
 * publish of each of {@code fresh users} new users, one at a time (the baseline); then {@link #FILLED_USERS} users get
 * {@code events} events each ({@link ColdFill}). {@code ColdRun after <http base> <fill.json> <out.json> <fresh users>
 * <next>}: on the restarted node, the same warm-up and fresh-user figure (on other users, so the filled users' feeds
 * stay cold), then each filled user's first publish, each right after a fresh user's first (the figure is the median
 * of the one against the median of the other), and the p50 of the first filled user's {@code next} publishes.
 */
public final class ColdRun {

    private static final Duration WARM_UP = Duration.ofSeconds(10);
    /**
     * A cold publish happens once per user and restart, so one user gave one sample: on the slower box of 2026-12-05
     * the same jar's ratio to the fresh users' p50 ranged from 0.45 to 1.60 across four runs (the fresh users' own p99
     * was 2 to 3 × their p50). Several users give a median; and since five publishes in a row still meet one state of
     * the machine (0.52 and 1.42 of the fresh users' p50 in two runs), each is paired with a fresh user's first publish
     * just before it, whose median is the baseline measured under the same conditions. Five pairs still drew 0.62 to
     * 1.61 across four runs of the same code (2026-12-05; the filled users' five within the fresh users' own spread), so
     * nine: about 45 s more of filling through the batch endpoint.
     */
    static final int FILLED_USERS = 9;

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ColdRun() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[1]);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = Tokens.fromEnvironment().publisher();
        String prefix = "bench-cold-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Map<String, Object> result = new LinkedHashMap<>();
        if (args[0].equals("fill")) {
            result.put("freshUsers", firstPublishes(http, base, token, prefix, Integer.parseInt(args[3])));
            List<Map<String, Object>> fills = new ArrayList<>();
            for (int i = 0; i < FILLED_USERS; i++) {
                fills.add(ColdFill.fill(
                        http, base, token, new BatchEvents(prefix + "filled" + i + "-", 1), Long.parseLong(args[4])));
            }
            result.put("fill", fills.get(0)); // how each was filled: the same way, at about the same speed
            result.put("fills", fills);
            JSON.writeValue(Path.of(args[2]).toFile(), result);
        } else {
            JsonNode filled = JSON.readTree(Path.of(args[2]).toFile());
            result.putAll(JSON.convertValue(filled, Map.class));
            result.put("freshUsersAfterRestart", firstPublishes(http, base, token, prefix, Integer.parseInt(args[4])));
            result.put(
                    "filledUserAfterRestart",
                    filledUsers(http, base, token, filled.get("fills"), Integer.parseInt(args[5])));
            JSON.writeValue(Path.of(args[3]).toFile(), result);
        }
        System.out.println("cold " + args[0] + ": " + result);
        System.exit(0);
    }

    /** After the warm-up, each new user's first publish, one at a time. */
    private static Map<String, Object> firstPublishes(HttpClient http, URI base, String token, String prefix, int users)
            throws Exception {
        List<String> warmUsers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            warmUsers.add(prefix + "warm-" + i);
        }
        new PushLoad(http, base, token, warmUsers, null).run(8, WARM_UP, false);
        var latencies = new Latencies();
        for (int i = 0; i < users; i++) {
            latencies.record(publish(http, base, token, prefix + "fresh-" + i, 1));
        }
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("users", users);
        figure.put("p50Millis", latencies.percentileMillis(50));
        figure.put("p99Millis", latencies.percentileMillis(99));
        return figure;
    }

    /**
     * Each filled user's first publish since the restart, each just after a fresh user's first publish, then the first
     * filled user's {@code next} publishes.
     */
    private static Map<String, Object> filledUsers(HttpClient http, URI base, String token, JsonNode fills, int next)
            throws Exception {
        List<Double> firsts = new ArrayList<>();
        List<Double> pairedFresh = new ArrayList<>();
        for (JsonNode fill : fills) {
            String filled = fill.get("user").asText();
            pairedFresh.add(millis(publish(http, base, token, filled + "fresh-pair", 1)));
            firsts.add(
                    millis(publish(http, base, token, filled, fill.get("head").asLong() + 1)));
        }
        String user = fills.get(0).get("user").asText();
        long head = fills.get(0).get("head").asLong() + 1;
        var latencies = new Latencies();
        for (int i = 0; i < next; i++) {
            latencies.record(publish(http, base, token, user, head + 1 + i));
        }
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("users", firsts.size());
        figure.put("firstMillis", median(firsts));
        figure.put("firstMillisEach", firsts);
        figure.put("pairedFreshMillis", median(pairedFresh));
        figure.put("pairedFreshMillisEach", pairedFresh);
        figure.put("next", next);
        figure.put("nextP50Millis", latencies.percentileMillis(50));
        figure.put("nextP99Millis", latencies.percentileMillis(99));
        return figure;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** One publish, timed to its 202; it must get the seq the feed owes it. */
    private static long publish(HttpClient http, URI base, String token, String user, long seq) throws Exception {
        long began = System.nanoTime();
        HttpResponse<String> answer = http.send(
                Publish.one(base, token, user, "{\"cold\":true}", TIMEOUT), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - began;
        if (answer.statusCode() != 202 || Publish.seq(answer.body()) != seq) {
            throw new IllegalStateException("a publish for " + user + " expecting seq " + seq + " was answered "
                    + answer.statusCode() + " " + answer.body());
        }
        return elapsed;
    }
}
