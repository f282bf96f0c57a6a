package dev.switchboard.bench.handshake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One client handshake: upgrade, wait for {@code welcome}, send {@code auth}, wait for {@code ready}, then close
 * politely so the server records a normal close rather than a broken socket.
 */
final class Handshake implements WebSocket.Listener {

    private final String authFrame;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    private Handshake(String token) {
        this.authFrame = "{\"type\":\"auth\",\"token\":\"" + token + "\"}";
    }

    /** Returns the nanoseconds from the upgrade request to {@code ready}; throws when it did not get there. */
    static long run(HttpClient client, URI uri, String token, long timeoutMillis) throws Exception {
        var handshake = new Handshake(token);
        long began = System.nanoTime();
        WebSocket socket = client.newWebSocketBuilder().buildAsync(uri, handshake)
                .get(timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            handshake.ready.get(timeoutMillis, TimeUnit.MILLISECONDS);
            long elapsed = System.nanoTime() - began;
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(timeoutMillis, TimeUnit.MILLISECONDS);
            handshake.closed.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return elapsed;
        } finally {
            socket.abort();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            if (frame.contains("\"welcome\"")) {
                socket.sendText(authFrame, true);
            } else if (frame.contains("\"ready\"")) {
                ready.complete(null);
            } else if (frame.contains("\"error\"")) {
                ready.completeExceptionally(new IllegalStateException("server answered " + frame));
            }
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        ready.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        closed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        ready.completeExceptionally(error);
        closed.complete(null);
    }
}
