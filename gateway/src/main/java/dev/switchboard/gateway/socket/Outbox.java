package dev.switchboard.gateway.socket;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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

    private static final VarHandle CLOSE;

    static {
        try {
            CLOSE = MethodHandles.lookup().findVarHandle(Outbox.class, "close", Close.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A close asked for: what closes the socket, its deadline on the timer, and its end. */
    private static final class Close {
        final Runnable socketClose;
        final AtomicBoolean started = new AtomicBoolean();
        final CompletableFuture<Void> ran = new CompletableFuture<>();
        /** Cancelled when the close runs, so that the timer holds nothing of the socket until it expires. */
        volatile ScheduledFuture<?> deadline;

        Close(Runnable socketClose) {
            this.socketClose = socketClose;
        }
    }

    private final Session endpoint;
    private final WholeTextFrames frames;
    private final long byteLimit;
    private final long timeLimitNanos;
    private final Consumer<Throwable> onWriteFailure;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicReference<Drained> drained = new AtomicReference<>();
    /**
     * The socket's close once asked for ({@link #closeAfterQueued}, {@link #closeNow}); null until then, so that an open
     * socket pays one reference for it.
     */
    private volatile Close close;

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

    /** Queues a frame; after {@link #closeAfterQueued} it is dropped, for the socket is closing. */
    void send(String frame) {
        if (close != null) {
            return;
        }
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

    /**
     * Runs {@code close} once every frame queued before it is written, so that the socket's close frame follows them
     * and never waits for a data frame's write. Tomcat gives the write of a close frame whose code is not 1000 only
     * 50 ms to get its turn ({@code ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT}); after that it drops the connection without
     * a close frame, and the client reads 1006 instead of the code that says why (a kick's 4010 became 1006 on a
     * loaded machine while the socket's events were still being written). A client that stops reading meanwhile is
     * closed anyway at the write time limit, by {@code timer}. Frames sent after this are dropped.
     *
     * @return completed once the close has run
     */
    CompletableFuture<Void> closeAfterQueued(Runnable socketClose, ScheduledExecutorService timer) {
        Close asked = new Close(socketClose);
        if (!CLOSE.compareAndSet(this, null, asked)) {
            return close.ran;
        }
        closeIfIdle();
        if (asked.started.get()) {
            return asked.ran; // nothing was queued: closed on this thread, as before
        }
        asked.deadline = timer.schedule(() -> run(asked), timeLimitNanos, TimeUnit.NANOSECONDS);
        if (asked.started.get()) {
            asked.deadline.cancel(false); // the last write's thread closed it before its deadline was set
        }
        return asked.ran;
    }

    /** Closes now, whatever is queued: for a client whose queue does not move. Frames sent after this are dropped. */
    CompletableFuture<Void> closeNow(Runnable socketClose) {
        Close asked = new Close(socketClose);
        if (CLOSE.compareAndSet(this, null, asked)) {
            run(asked);
        }
        return close.ran;
    }

    /** A close asked for runs when nothing is being written and nothing waits. */
    private void closeIfIdle() {
        Close asked = close;
        if (asked != null && !writing.get() && queue.isEmpty()) {
            run(asked);
        }
    }

    /** Runs a close asked for, once, whichever of the last write, the deadline and the caller gets here first. */
    private static void run(Close asked) {
        if (!asked.started.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> deadline = asked.deadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        try {
            asked.socketClose.run();
        } finally {
            asked.ran.complete(null);
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
        closeIfIdle();
    }

    private void written(String frame, SendResult result) {
        queuedBytes.addAndGet(-frame.length());
        writing.set(false);
        if (result.isOK()) {
            writeNext();
            runDrained();
        } else {
            onWriteFailure.accept(result.getException());
            Close asked = close;
            if (asked != null) {
                run(asked); // the client is gone: nothing queued will reach it
            }
        }
    }
}
