package dev.switchboard.gateway.socket;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * One socket's bounded send queue. Frames are written in the order they were queued, each as one WebSocket frame
 * ({@link WholeTextFrames}), one asynchronous write at a time, so no thread ever blocks on a slow client: not the
 * publisher, not the fan-out, not another user's delivery. A client that lets more than {@code byteLimit} pile up, or
 * leaves a write unfinished for longer than the time limit, is refused with {@link SessionLimitExceededException}; the
 * caller closes it as a slow consumer.
 */
final class Outbox {

    /** Set while this thread is inside {@link #writeNext()}, so a write that completes at once does not recurse. */
    private static final ThreadLocal<Boolean> WRITING_HERE = ThreadLocal.withInitial(() -> false);

    private final Session endpoint;
    private final WholeTextFrames frames;
    private final long byteLimit;
    private final long timeLimitNanos;
    private final Consumer<Throwable> onWriteFailure;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicReference<Drained> drained = new AtomicReference<>();
    private volatile long writeStartedNanos;

    Outbox(
            Session endpoint,
            WholeTextFrames frames,
            long byteLimit,
            long timeLimitNanos,
            Consumer<Throwable> onWriteFailure) {
        this.endpoint = endpoint;
        this.frames = frames;
        this.byteLimit = byteLimit;
        this.timeLimitNanos = timeLimitNanos;
        this.onWriteFailure = onWriteFailure;
    }

    void send(String frame) {
        if (writing.get() && System.nanoTime() - writeStartedNanos > timeLimitNanos) {
            throw new SessionLimitExceededException(
                    "a write to the client has waited for longer than " + timeLimitNanos / 1_000_000 + " ms", null);
        }
        if (queuedBytes.addAndGet(frame.length()) > byteLimit) {
            throw new SessionLimitExceededException("more than " + byteLimit + " bytes wait for the client", null);
        }
        queue.add(frame);
        writeNext();
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    /** A sender waiting for the queue to shrink to {@code atMost}. */
    private record Drained(long atMost, Runnable then) {}

    /**
     * Runs {@code then} once, as soon as no more than {@code atMost} bytes are queued: at once when that is already so,
     * else on the thread that completes the write which brings the queue there. It replaces an earlier one not yet run.
     */
    void whenQueuedAtMost(long atMost, Runnable then) {
        drained.set(new Drained(atMost, then));
        runDrained();
    }

    /** Both the waiter and a completing write may get here at once: the compareAndSet lets one of them run it. */
    private void runDrained() {
        Drained waiting = drained.get();
        if (waiting != null && queuedBytes.get() <= waiting.atMost() && drained.compareAndSet(waiting, null)) {
            waiting.then().run();
        }
    }

    private void writeNext() {
        if (WRITING_HERE.get()) {
            return; // the loop below, further up this thread's stack, goes on with the next frame
        }
        WRITING_HERE.set(true);
        try {
            while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
                String frame = queue.poll();
                if (frame == null) {
                    writing.set(false);
                    continue;
                }
                writeStartedNanos = System.nanoTime();
                frames.send(endpoint, frame, result -> written(frame, result));
            }
        } catch (RuntimeException e) {
            writing.set(false);
            onWriteFailure.accept(e);
        } finally {
            WRITING_HERE.set(false);
        }
    }

    private void written(String frame, SendResult result) {
        queuedBytes.addAndGet(-frame.length());
        writing.set(false);
        if (result.isOK()) {
            writeNext();
            runDrained();
        } else {
            onWriteFailure.accept(result.getException());
        }
    }
}
