package dev.switchboard.bench.sockets;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A client socket that goes upgrade → {@code welcome} → {@code auth} → {@code ready} and then stays open, passing
 * every later text frame to {@code frames}. The JDK client answers the server's pings by itself.
 */
public final class ReadySocket implements WebSocket.Listener {

    private final String authFrame;
    private final Consumer<String> frames;
    /** Completes on {@code ready}; fails on an {@code error} frame, a close or a transport error before it. */
    public final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Completes when the socket is closed, by either side, or broken. */
    public final CompletableFuture<Void> closed = new CompletableFuture<>();

    private final StringBuilder partial = new StringBuilder();

    public ReadySocket(String token, Consumer<String> frames) {
        this.authFrame = "{\"type\":\"auth\",\"token\":\"" + token + "\"}";
        this.frames = frames;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        CharSequence frame = data;
        if (!last || partial.length() > 0) {
            partial.append(data);
            frame = last ? partial.toString() : null;
            if (last) {
                partial.setLength(0);
            }
        }
        if (frame != null) {
            frame(socket, frame.toString());
        }
        socket.request(1);
        return null;
    }

    private void frame(WebSocket socket, String frame) {
        if (ready.isDone()) {
            frames.accept(frame);
        } else if (frame.contains("\"welcome\"")) {
            socket.sendText(authFrame, true);
        } else if (frame.contains("\"ready\"")) {
            ready.complete(null);
        } else if (frame.contains("\"error\"")) {
            ready.completeExceptionally(new IllegalStateException("server answered " + frame));
        }
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
