package dev.switchboard.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) for end-to-end tests: it records every text frame and the close it gets, and
 * waits for them with a deadline instead of sleeping.
 */
public final class TestSocket implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason;
    private volatile long closedNanos;
    private volatile Instant closedAt;
    private final WebSocket socket;

    private TestSocket(URI uri, Map<String, String> headers) {
        var builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener())
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    public static TestSocket connect(int port) {
        return connect(port, Map.of());
    }

    /** With extra upgrade headers, e.g. {@code Origin}, or {@code X-Forwarded-For} to a node behind a proxy. */
    public static TestSocket connect(int port, Map<String, String> headers) {
        return new TestSocket(URI.create("ws://127.0.0.1:" + port + "/ws"), headers);
    }

    /** The HTTP status a refused upgrade answered with. */
    public static int refusedStatus(int port) {
        return refusedStatus(port, Map.of());
    }

    public static int refusedStatus(int port, Map<String, String> headers) {
        try {
            connect(port, headers).close();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        return fail("the upgrade was accepted");
    }

    public TestSocket send(String frame) {
        socket.sendText(frame, true)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
        return this;
    }

    public TestSocket sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
        return this;
    }

    /** The next frame; fails when none arrives in time. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                fail("no frame within " + WAIT + (closeCode.isDone() ? "; closed with " + closeCode.join() : ""));
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame, or empty when the server closes the socket before sending one. */
    public Optional<JsonNode> nextOrClose() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(50, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    return Optional.of(frame);
                }
                if (closeCode.isDone()) {
                    return Optional.empty();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return fail("neither a frame nor a close within " + WAIT);
    }

    /** The next frame, which must be of this type. */
    public JsonNode expect(String type) {
        JsonNode frame = next();
        assertThat(frame.path("type").asText()).as("frame %s", frame).isEqualTo(type);
        return frame;
    }

    /** The next {@code n} frames. */
    public List<JsonNode> next(int n) {
        List<JsonNode> received = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            received.add(next());
        }
        return received;
    }

    /** A ping is answered after every frame queued before it: the next frame must be its pong, nothing in between. */
    public void expectNothingQueued() {
        send("{\"type\":\"ping\"}");
        expect("pong");
    }

    /** Sends {@code auth} and returns the {@code ready} frame. */
    public JsonNode authenticate(String token) {
        expect("welcome");
        send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        return expect("ready");
    }

    /** The close code the server sent; fails when the socket is not closed in time. */
    public int awaitClose() {
        return awaitClose(WAIT);
    }

    /** As above, for a close expected later than {@link #WAIT}. */
    public int awaitClose(Duration within) {
        return closeCode.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The reason text of the server's close frame, once {@link #awaitClose()} returned. */
    public String closeReason() {
        return closeReason;
    }

    /** The reason text of the server's close frame; fails when the socket is not closed in time. */
    public String awaitCloseReason() {
        awaitClose();
        return closeReason;
    }

    /** When the server's close arrived, on {@link System#nanoTime()}'s scale; fails when it does not arrive in time. */
    public long closedAtNanos() {
        awaitClose();
        return closedNanos;
    }

    /** When the server's close arrived, by the wall clock, to compare with times the server logged. */
    public Instant closedAt() {
        awaitClose();
        return closedAt;
    }

    /**
     * Sends a ping and returns every frame before its pong: the server answers a ping after every frame it queued
     * earlier, so these are all it had sent by then.
     */
    public List<JsonNode> settle() {
        send("{\"type\":\"ping\"}");
        List<JsonNode> before = new ArrayList<>();
        for (JsonNode frame = next(); !frame.path("type").asText().equals("pong"); frame = next()) {
            before.add(frame);
        }
        return before;
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Frames received so far that nobody has taken yet. */
    public List<JsonNode> drain() {
        List<JsonNode> rest = new ArrayList<>();
        frames.drainTo(rest);
        return rest;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .exceptionally(error -> null)
                    .join();
        }
    }

    public void abort() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (JsonProcessingException e) {
                    frames.add(
                            JSON.createObjectNode().put("type", "unparseable").put("text", partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closedNanos = System.nanoTime();
            closedAt = Instant.now();
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
