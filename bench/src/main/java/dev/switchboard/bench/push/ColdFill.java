package dev.switchboard.bench.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives one user a long feed through the node's API: batches of 1,000 on {@code POST /api/events} when the node
 * answers them, otherwise single pushes from 8 senders at once (the feed takes them one at a time, but the requests'
 * own work overlaps). Stops after 10 minutes, or after a batch was refused three times in a row, whatever is left,
 * and says which way it filled and how far it got.
 */
final class ColdFill {

    private static final int SENDERS = 8;
    private static final int BATCH_ATTEMPTS = 3;
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final BatchEvents feed;
    private final AtomicLong filled = new AtomicLong();
    private final AtomicLong head = new AtomicLong();

    private ColdFill(HttpClient http, URI base, String token, BatchEvents feed) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.feed = feed;
    }

    /** @param feed the events, all of one user ({@code feed.user(0)}) */
    static Map<String, Object> fill(HttpClient http, URI base, String token, BatchEvents feed, long events)
            throws IOException, InterruptedException {
        var fill = new ColdFill(http, base, token, feed);
        long started = System.nanoTime();
        HttpResponse<String> probe = fill.batch(events);
        Map<String, Object> result = new LinkedHashMap<>();
        if (probe.statusCode() == 202) {
            result.put("method", "batch endpoint (POST /api/events, " + BatchRun.BATCH + " a request)");
            fill.batches(events, probe, started + LIMIT.toNanos());
        } else {
            result.put("method", "single pushes (POST /api/events answered " + probe.statusCode() + ")");
            fill.singles(events);
        }
        result.put("user", feed.user(0));
        result.put("events", fill.filled.get());
        result.put("head", fill.head.get());
        result.put("seconds", (System.nanoTime() - started) / 1e9);
        System.out.println("cold fill: " + result);
        return result;
    }

    private HttpResponse<String> batch(long events) throws IOException, InterruptedException {
        long left = events - filled.get();
        return BatchRun.send(http, base, token, feed.body(filled.get(), (int) Math.min(BatchRun.BATCH, left)));
    }

    private void batches(long events, HttpResponse<String> first, long deadline)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = first;
        int refusals = 0;
        while (true) {
            if (answer.statusCode() == 202) {
                refusals = 0;
                for (var result : BatchRun.results(answer)) {
                    filled.incrementAndGet();
                    head.accumulateAndGet(result.path("seq").asLong(), Math::max);
                }
            } else {
                refusals++;
            }
            if (refusals == BATCH_ATTEMPTS || filled.get() >= events || System.nanoTime() >= deadline) {
                return;
            }
            answer = batch(events);
        }
    }

    private void singles(long events) throws InterruptedException {
        var left = new AtomicLong(events);
        var answers = new Answers();
        ClosedLoop.run("fill", SENDERS, LIMIT, n -> {
            if (left.getAndDecrement() <= 0) {
                return false;
            }
            var request = Publish.one(base, token, feed.user(0), "{\"n\":" + n + "}", TIMEOUT);
            var answer = answers.send(http, request, System.nanoTime(), accepted -> true);
            if (answer == null) {
                left.incrementAndGet(); // sent again, so the feed ends with exactly `events`
            } else {
                filled.incrementAndGet();
                head.accumulateAndGet(Publish.seq(answer.body()), Math::max);
            }
            return !Thread.currentThread().isInterrupted();
        });
    }
}
