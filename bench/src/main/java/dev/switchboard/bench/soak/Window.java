package dev.switchboard.bench.soak;

import dev.switchboard.bench.Latencies;
import dev.switchboard.bench.sockets.FrameFields;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the load saw since the last sample: the push → frame latency of every frame that arrived (from the send stamp
 * {@code "t":<nanoTime>} its data carries), and the pushes and churned connections that succeeded or failed. The
 * sampler takes the counts and starts a new window.
 */
final class Window {

    private final AtomicReference<Latencies> pushToFrame = new AtomicReference<>(new Latencies());
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong churned = new AtomicLong();
    final AtomicLong churnFailed = new AtomicLong();
    final AtomicReference<String> firstFailure = new AtomicReference<>();

    /** A frame on one of the steady sockets; frames without a stamp (pong) are ignored. */
    void frame(String frame) {
        long now = System.nanoTime();
        long sent = FrameFields.number(frame, "\"t\":");
        if (sent != FrameFields.ABSENT) {
            pushToFrame.get().record(now - sent);
        }
    }

    void failed(AtomicLong counter, Object why) {
        counter.incrementAndGet();
        firstFailure.compareAndSet(null, describe(why));
    }

    /** A refused upgrade by its status and body, which the exception's message leaves out. */
    private static String describe(Object why) {
        Object cause = why instanceof CompletionException wrapped ? wrapped.getCause() : why;
        if (cause instanceof WebSocketHandshakeException refused) {
            return "upgrade answered " + refused.getResponse().statusCode() + " "
                    + refused.getResponse().body();
        }
        return String.valueOf(why);
    }

    /** The latencies since the last call, and a fresh window for the next ones. */
    Latencies next() {
        return pushToFrame.getAndSet(new Latencies());
    }
}
