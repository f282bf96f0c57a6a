package dev.switchboard.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat client as a product would write one: it remembers every feed seq it was sent and, when its socket drops,
 * reconnects (to another node) with {@code lastSeq}, the last seq it saw.
 */
final class FeedClient {

    private final String userId;
    private final List<Long> seqs = new ArrayList<>();
    private TestSocket socket;

    private FeedClient(String userId, TestSocket socket) {
        this.userId = userId;
        this.socket = socket;
    }

    /** Connects and waits for {@code ready}; gets the user's events from then on. */
    static FeedClient connect(int port, String userId) {
        TestSocket socket = TestSocket.connect(port);
        socket.authenticate(Tokens.user(userId));
        return new FeedClient(userId, socket);
    }

    String userId() {
        return userId;
    }

    boolean dropped() {
        return socket.isClosed();
    }

    /** Reconnects with the last seq seen, and waits for {@code ready}; missed events follow it. */
    void resume(int port) {
        collect();
        socket = TestSocket.connect(port);
        socket.expect("welcome");
        socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(userId) + "\",\"lastSeq\":" + lastSeq() + "}");
        socket.expect("ready");
    }

    /** Every seq received so far, in arrival order, across all the sockets this client had. */
    synchronized List<Long> seqs() {
        collect();
        return List.copyOf(seqs);
    }

    /** Waits for a pong: a ping is answered after every frame sent before it, so every event sent so far is in. */
    synchronized List<Long> settled() {
        socket.settle().forEach(this::record);
        return seqs();
    }

    void close() {
        if (!socket.isClosed()) {
            socket.abort();
        }
    }

    private synchronized long lastSeq() {
        return seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1);
    }

    private synchronized void collect() {
        socket.drain().forEach(this::record);
    }

    private void record(JsonNode frame) {
        if (frame.path("type").asText().equals("event")) {
            seqs.add(frame.path("seq").asLong());
        }
    }
}
