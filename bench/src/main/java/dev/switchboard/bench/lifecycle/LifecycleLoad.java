package dev.switchboard.bench.lifecycle;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.bench.Latencies;
import dev.switchboard.command.connection.ConnectionCommands;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Closed-loop callers, each driving whole lifecycles through the command side as fast as it commits them. */
public final class LifecycleLoad {

    private static final Instant TOKEN_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

    private final ConnectionCommands commands;
    private final String nodeId;

    public LifecycleLoad(ConnectionCommands commands, String nodeId) {
        this.commands = commands;
        this.nodeId = nodeId;
    }

    public LifecycleRun run(int callers, Duration duration) throws InterruptedException {
        var completed = new AtomicLong();
        var failed = new AtomicLong();
        var latencies = new Latencies();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long cpuBefore = processCpuNanos();
        for (int caller = 0; caller < callers; caller++) {
            String userId = "bench-user-" + caller;
            Thread thread = new Thread(
                    () -> {
                        while (System.nanoTime() < deadline) {
                            long began = System.nanoTime();
                            try {
                                lifecycle(userId);
                                completed.incrementAndGet();
                                latencies.record(System.nanoTime() - began);
                            } catch (Exception e) {
                                failed.incrementAndGet();
                            }
                        }
                    },
                    "lifecycle-" + caller);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3;
        return new LifecycleRun(
                callers,
                seconds,
                completed.get(),
                failed.get(),
                5,
                latencies.percentileMillis(50),
                latencies.percentileMillis(99),
                completed.get() == 0 ? 0 : cpuMicros / completed.get());
    }

    /**
     * A lifecycle as the node records one: the handshake's four steps in one commit (what the gateway sends at the
     * first {@code auth}), then the close in a second; still five events, each with its own time.
     */
    private void lifecycle(String userId) throws Exception {
        String id = "pre_" + UUID.randomUUID();
        commands.sendAll(List.of(
                new OpenConnection(id, nodeId, "127.0.0.1"),
                new AuthenticateConnection(id, userId, TOKEN_EXPIRY),
                new MigrateConnectionId(id, "conn_" + UUID.randomUUID()),
                new MarkConnectionReady(id)));
        commands.send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, "benchmark", nodeId));
    }

    /** This JVM's CPU time so far, all threads; the callers' own share is the driver's, a small part of the whole. */
    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
