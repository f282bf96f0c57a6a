package dev.switchboard.bench.sockets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Many READY sockets held open from one shared JDK {@link HttpClient}. At most {@code concurrency} handshakes are in
 * flight, so the node's handshake queue and its per-address quota of unauthenticated sockets are never the limit; a
 * handshake that fails is tried again up to twice before it counts as failed.
 */
public final class ReadySockets implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final List<WebSocket> sockets = new ArrayList<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    private ReadySockets() {}

    /**
     * @param tokenOf the token of socket {@code i}
     * @param framesOf what socket {@code i} does with each frame after {@code ready}
     */
    public static ReadySockets open(
            HttpClient client,
            URI uri,
            int count,
            int concurrency,
            IntFunction<String> tokenOf,
            IntFunction<Consumer<String>> framesOf)
            throws InterruptedException {
        var opened = new ReadySockets();
        var permits = new Semaphore(concurrency);
        var done = new java.util.concurrent.CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            permits.acquire();
            opened.attempt(client, uri, tokenOf.apply(i), framesOf.apply(i), 3, () -> {
                permits.release();
                done.countDown();
            });
        }
        done.await(TIMEOUT_SECONDS * 3, TimeUnit.SECONDS);
        return opened;
    }

    private void attempt(
            HttpClient client, URI uri, String token, Consumer<String> frames, int attempts, Runnable finished) {
        var listener = new ReadySocket(token, frames);
        client.newWebSocketBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(TIMEOUT_SECONDS))
                .buildAsync(uri, listener)
                .thenCompose(socket -> listener.ready
                        .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .thenApply(ignored -> socket))
                .whenComplete((socket, error) -> {
                    if (error == null) {
                        synchronized (sockets) {
                            sockets.add(socket);
                        }
                        finished.run();
                    } else if (attempts > 1) {
                        attempt(client, uri, token, frames, attempts - 1, finished);
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, String.valueOf(error));
                        finished.run();
                    }
                });
    }

    public List<WebSocket> sockets() {
        synchronized (sockets) {
            return List.copyOf(sockets);
        }
    }

    public int ready() {
        synchronized (sockets) {
            return sockets.size();
        }
    }

    public int failed() {
        return failed.get();
    }

    public String firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        for (WebSocket socket : sockets()) {
            socket.abort();
        }
    }
}
