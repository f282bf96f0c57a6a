package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.node.DaemonThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

    SocketExecutors() {
        handshakes.allowCoreThreadTimeOut(true);
    }

    private final ScheduledExecutorService scheduler =
            Executors.newScheduledThreadPool(2, DaemonThreads.named("socket-timer"));

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
