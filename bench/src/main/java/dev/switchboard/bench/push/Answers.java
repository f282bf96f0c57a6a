package dev.switchboard.bench.push;

import dev.switchboard.bench.Latencies;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * What a closed loop's requests got back: the latency of each accepted one (202, and whatever else the caller checks),
 * and the others apart by kind: 503 (unavailable), any other answer, no answer at all; the first of them as it read.
 */
final class Answers {

    private final Latencies accepted = new Latencies();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong otherStatus = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicReference<String> firstRefusal = new AtomicReference<>();

    /**
     * Sends the request and counts its answer; {@code began} is when the caller started it.
     *
     * @param complete what an accepted answer must also satisfy
     * @return the answer when it was accepted; null otherwise, or when the thread was interrupted
     */
    HttpResponse<String> send(
            HttpClient http, HttpRequest request, long began, Predicate<HttpResponse<String>> complete) {
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 202 && complete.test(answer)) {
                accepted.record(System.nanoTime() - began);
                return answer;
            }
            (answer.statusCode() == 503 ? unavailable : otherStatus).incrementAndGet();
            firstRefusal.compareAndSet(null, answer.statusCode() + " " + answer.body());
        } catch (IOException e) {
            unanswered.incrementAndGet();
            firstRefusal.compareAndSet(null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    long accepted() {
        return accepted.count();
    }

    Map<String, Object> figures(int senders, double seconds) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("senders", senders);
        figures.put("seconds", seconds);
        figures.put("accepted", accepted.count());
        figures.put("acceptedPerSecond", accepted.count() / seconds);
        figures.put("acceptedP50Millis", accepted.percentileMillis(50));
        figures.put("acceptedP99Millis", accepted.percentileMillis(99));
        figures.put("unavailable", unavailable.get());
        figures.put("otherStatus", otherStatus.get());
        figures.put("noAnswer", unanswered.get());
        figures.put("firstRefusal", firstRefusal.get());
        return figures;
    }
}
