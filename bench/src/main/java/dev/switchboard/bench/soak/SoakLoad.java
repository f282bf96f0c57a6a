package dev.switchboard.bench.soak;

import dev.switchboard.bench.push.Publish;
import dev.switchboard.bench.sockets.ReadySocket;
import dev.switchboard.bench.sockets.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's steady load, open loop so a slow node cannot slow it down: pushes at a fixed rate, round-robin over the
 * users whose READY sockets stay open, each stamped with its send time; and connection churn at a fixed rate: a socket
 * of one of a few other users goes upgrade → {@code auth} → {@code ready}, then closes normally, so every churned
 * connection becomes a CLOSED history that connection retention archives.
 */
final class SoakLoad implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI ws;
    private final URI base;
    private final Tokens tokens;
    private final String publisher;
    private final List<String> users;
    private final List<String> churnUsers;
    private final Window window;
    private final AtomicLong pushes = new AtomicLong();
    private final AtomicLong churns = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

    SoakLoad(
            HttpClient http,
            URI ws,
            URI base,
            Tokens tokens,
            List<String> users,
            List<String> churnUsers,
            Window window) {
        this.http = http;
        this.ws = ws;
        this.base = base;
        this.tokens = tokens;
        this.publisher = tokens.publisher();
        this.users = users;
        this.churnUsers = churnUsers;
        this.window = window;
    }

    void start(int pushesPerSecond, int churnsPerSecond) {
        timer.scheduleAtFixedRate(this::push, 0, 1_000_000 / pushesPerSecond, TimeUnit.MICROSECONDS);
        timer.scheduleAtFixedRate(this::churn, 0, 1_000_000 / churnsPerSecond, TimeUnit.MICROSECONDS);
    }

    private void push() {
        String user = users.get((int) (pushes.getAndIncrement() % users.size()));
        var request = Publish.one(base, publisher, user, "{\"t\":" + System.nanoTime() + "}", TIMEOUT);
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, error) -> {
            if (error == null && answer.statusCode() == 202) {
                window.accepted.incrementAndGet();
            } else {
                window.failed(window.refused, error != null ? error : answer.statusCode() + " " + answer.body());
            }
        });
    }

    private void churn() {
        String user = churnUsers.get((int) (churns.getAndIncrement() % churnUsers.size()));
        var listener = new ReadySocket(tokens.user(user), frame -> {});
        http.newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .buildAsync(ws, listener)
                .thenCompose(
                        socket -> listener.ready.orTimeout(30, TimeUnit.SECONDS).thenApply(ready -> socket))
                .thenCompose(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "churn"))
                .whenComplete((socket, error) -> {
                    if (error == null) {
                        window.churned.incrementAndGet();
                        // the node answers the close and hangs up; a socket it never answers is dropped after 10 s
                        timer.schedule(() -> socket.abort(), 10, TimeUnit.SECONDS);
                    } else {
                        window.failed(window.churnFailed, error);
                    }
                });
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
