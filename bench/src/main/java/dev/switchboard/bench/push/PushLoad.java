package dev.switchboard.bench.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Closed-loop single pushes, {@code POST /api/users/{u}/events} round-robin over the users, each sender sending its
 * next push as soon as the last one is answered: the rate the server accepts, the latency of its 202 answers, and
 * what it refused: 503 (unavailable) apart from any other status and from requests that got no answer.
 */
final class PushLoad {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final List<String> users;
    private final FeedTally[] feeds;

    /** @param feeds the users' tallies, in the order of {@code users}; null when no socket listens */
    PushLoad(HttpClient http, URI base, String token, List<String> users, FeedTally[] feeds) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.users = users;
        this.feeds = feeds;
    }

    Map<String, Object> run(int senders, Duration duration, boolean measured) throws InterruptedException {
        var answers = new Answers();
        double seconds = ClosedLoop.run("push", senders, duration, n -> {
            int user = (int) (n % users.size());
            long began = System.nanoTime();
            var request = Publish.one(base, token, users.get(user), "{\"n\":" + n + "}", TIMEOUT);
            var answer = answers.send(http, request, began, accepted -> true);
            if (answer != null && feeds != null) {
                feeds[user].accepted(Publish.seq(answer.body()), began, measured);
            }
            return !Thread.currentThread().isInterrupted();
        });
        return answers.figures(senders, seconds);
    }
}
