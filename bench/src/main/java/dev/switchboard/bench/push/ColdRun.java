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
 * publish of each of {@code fresh users} new users, one at a time (the baseline); then one user gets {@code events}
 * events ({@link ColdFill}). {@code ColdRun after <http base> <fill.json> <out.json> <fresh users> <next>}: on the
 * restarted node, the same warm-up and fresh-user figure (on other users, so the filled user's feed stays cold), then
 * the filled user's first publish and the p50 of its {@code next} publishes after it.
 */
public final class ColdRun {

    private static final Duration WARM_UP = Duration.ofSeconds(10);
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
            result.put(
                    "fill",
                    ColdFill.fill(http, base, token, new BatchEvents(prefix + "filled", 1), Long.parseLong(args[4])));
            JSON.writeValue(Path.of(args[2]).toFile(), result);
        } else {
            JsonNode filled = JSON.readTree(Path.of(args[2]).toFile());
            result.putAll(JSON.convertValue(filled, Map.class));
            result.put("freshUsersAfterRestart", firstPublishes(http, base, token, prefix, Integer.parseInt(args[4])));
            result.put(
                    "filledUserAfterRestart",
                    filledUser(http, base, token, filled.get("fill"), Integer.parseInt(args[5])));
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

    private static Map<String, Object> filledUser(HttpClient http, URI base, String token, JsonNode fill, int next)
            throws Exception {
        String user = fill.get("user").asText();
        long head = fill.get("head").asLong();
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("firstMillis", publish(http, base, token, user, head + 1) / 1e6);
        var latencies = new Latencies();
        for (int i = 0; i < next; i++) {
            latencies.record(publish(http, base, token, user, head + 2 + i));
        }
        figure.put("next", next);
        figure.put("nextP50Millis", latencies.percentileMillis(50));
        figure.put("nextP99Millis", latencies.percentileMillis(99));
        return figure;
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
