package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.node.DaemonThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The gateway's threads besides the web server's: a bounded pool for handshakes (each waits on a commit) and a
 * scheduler for timeouts and heartbeats. Bounded so that a flood of handshakes is refused with 1013 rather than
 * queued without limit.
 */
@Component
class SocketExecutors implements DisposableBean {

    private final ThreadPoolExecutor handshakes = new ThreadPoolExecutor(
            16, 16, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2_000), DaemonThreads.named("handshake"));

    /** A cancelled task leaves its queue at once, not when it would have run: it holds its socket until it does. */
    private final ScheduledThreadPoolExecutor scheduler =
            new ScheduledThreadPoolExecutor(2, DaemonThreads.named("socket-timer"));

    SocketExecutors() {
        handshakes.allowCoreThreadTimeOut(true);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    ExecutorService handshakes() {
        return handshakes;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void destroy() {
        handshakes.shutdownNow();
        scheduler.shutdownNow();
    }
}
