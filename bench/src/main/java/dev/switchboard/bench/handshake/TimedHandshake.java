package dev.switchboard.bench.handshake;

import dev.switchboard.bench.sockets.ReadySocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;

/**
 * One client handshake: upgrade, wait for {@code welcome}, send {@code auth}, wait for {@code ready}, then close
 * politely so the server records a normal close rather than a broken socket.
 */
final class TimedHandshake {

    private TimedHandshake() {}

    /** Returns the nanoseconds from the upgrade request to {@code ready}; throws when it did not get there. */
    static long run(HttpClient client, URI uri, String token, long timeoutMillis) throws Exception {
        var listener = new ReadySocket(token, frame -> {});
        long began = System.nanoTime();
        WebSocket socket =
                client.newWebSocketBuilder().buildAsync(uri, listener).get(timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            listener.ready.get(timeoutMillis, TimeUnit.MILLISECONDS);
            long elapsed = System.nanoTime() - began;
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(timeoutMillis, TimeUnit.MILLISECONDS);
            listener.closed.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return elapsed;
        } finally {
            socket.abort();
        }
    }
}
