package dev.switchboard.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One user with a socket on each of two node processes; events are pushed alternately on each node at a steady rate.
 * Both sockets get every event exactly once and in order, and the time from push on one node to the frame on the
 * other node's socket is printed (no assertion on it: the machine is shared).
 */
class CrossNodeDeliveryProcessIT {

    private static final int EVENTS = 500;
    private static final long PERIOD_MILLIS = 20;

    private final Publisher publisher = new Publisher();
    private final long[] pushedAt = new long[EVENTS];
    private final long[] acceptedAt = new long[EVENTS];

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void eventsPushedOnEitherNodeReachTheUsersSocketOnTheOtherExactlyOnceInOrder() throws Exception {
        ProcessNode a = ProcessNode.launch("cross-a");
        ProcessNode b = ProcessNode.launch("cross-b");
        ExecutorService readers = Executors.newFixedThreadPool(2);
        ScheduledExecutorService pushing = Executors.newSingleThreadScheduledExecutor();
        try {
            a.awaitReady();
            b.awaitReady();
            String user = Tokens.newUserId();
            try (TestSocket onA = TestSocket.connect(a.port());
                    TestSocket onB = TestSocket.connect(b.port())) {
                onA.authenticate(Tokens.user(user));
                onB.authenticate(Tokens.user(user));
                var readA = CompletableFuture.supplyAsync(() -> read(onA), readers);
                var readB = CompletableFuture.supplyAsync(() -> read(onB), readers);

                AtomicInteger next = new AtomicInteger();
                CountDownLatch pushed = new CountDownLatch(EVENTS);
                pushing.scheduleAtFixedRate(
                        () -> {
                            int i = next.getAndIncrement();
                            if (i < EVENTS) {
                                pushedAt[i] = System.nanoTime();
                                publisher.push(i % 2 == 0 ? a : b, user, Map.of("i", i));
                                acceptedAt[i] = System.nanoTime();
                                pushed.countDown();
                            }
                        },
                        0,
                        PERIOD_MILLIS,
                        TimeUnit.MILLISECONDS);
                assertThat(pushed.await(2, TimeUnit.MINUTES))
                        .as("all pushes accepted")
                        .isTrue();

                Received atA = readA.get(1, TimeUnit.MINUTES);
                Received atB = readB.get(1, TimeUnit.MINUTES);
                List<Long> everySeq = LongStream.rangeClosed(1, EVENTS).boxed().toList();
                assertThat(atA.seqs).containsExactlyElementsOf(everySeq);
                assertThat(atB.seqs).containsExactlyElementsOf(everySeq);
                report("A -> socket on B (cross-node)", atB, 0);
                report("B -> socket on A (cross-node)", atA, 1);
                report("A -> socket on A (local)", atA, 0);
                report("B -> socket on B (local)", atB, 1);
            }
        } finally {
            pushing.shutdownNow();
            readers.shutdownNow();
            a.close();
            b.close();
        }
    }

    /** Seqs in arrival order, and when the event pushed i-th arrived. */
    private record Received(List<Long> seqs, long[] arrivedAt) {}

    private static Received read(TestSocket socket) {
        List<Long> seqs = new ArrayList<>();
        long[] arrivedAt = new long[EVENTS];
        while (seqs.size() < EVENTS) {
            JsonNode frame = socket.next();
            long now = System.nanoTime();
            assertThat(frame.path("type").asText()).as("frame %s", frame).isEqualTo("event");
            seqs.add(frame.path("seq").asLong());
            arrivedAt[frame.path("data").path("i").asInt()] = now;
        }
        return new Received(seqs, arrivedAt);
    }

    /**
     * Latencies of the events pushed on one node ({@code parity} 0: even ones, on A) as received here: from the push
     * (the POST's start) and, to leave out the append, from its 202 (may be negative when the frame came first).
     */
    private void report(String path, Received received, int parity) {
        double[] fromPush = millis(received, parity, pushedAt);
        double[] from202 = millis(received, parity, acceptedAt);
        System.out.printf(
                "[latency] %-29s n=%d push->frame p50=%.1f p99=%.1f max=%.1f ms | 202->frame p50=%.1f "
                        + "p99=%.1f ms (%d events, one per %d ms)%n",
                path,
                fromPush.length,
                percentile(fromPush, 50),
                percentile(fromPush, 99),
                fromPush[fromPush.length - 1],
                percentile(from202, 50),
                percentile(from202, 99),
                EVENTS,
                PERIOD_MILLIS);
    }

    private static double[] millis(Received received, int parity, long[] since) {
        return LongStream.range(0, EVENTS)
                .filter(i -> i % 2 == parity)
                .mapToDouble(i -> (received.arrivedAt[(int) i] - since[(int) i]) / 1e6)
                .sorted()
                .toArray();
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
