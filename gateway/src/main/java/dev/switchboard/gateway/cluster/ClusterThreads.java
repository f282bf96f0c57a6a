package dev.switchboard.gateway.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** One daemon thread per periodic duty, so a slow reaping never delays a lease renewal. */
final class ClusterThreads {

    private ClusterThreads() {}

    static ScheduledExecutorService single(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
