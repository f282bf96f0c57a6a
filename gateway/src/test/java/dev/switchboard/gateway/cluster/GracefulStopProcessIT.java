package dev.switchboard.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM to a node with live sockets: it closes each with 1001, records SERVER_SHUTDOWN, exits within the drain time
 * and leaves its lease STOPPED, which the other node, reaping all the while, leaves alone.
 */
class GracefulStopProcessIT {

    private static final int SOCKETS_ON_A = 20;

    private final ClusterDatabase database = new ClusterDatabase();

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aNodeStoppedWithSigtermDrainsItsSocketsAndEndsItsLeaseCleanly() throws Exception {
        ProcessNode a = ProcessNode.launch("stop-a");
        ProcessNode b = ProcessNode.launch("stop-b");
        List<TestSocket> sockets = new ArrayList<>();
        try {
            a.awaitReady();
            b.awaitReady();
            String user = Tokens.newUserId();
            for (int i = 0; i < SOCKETS_ON_A; i++) {
                sockets.add(TestSocket.connect(a.port()));
                sockets.get(i).authenticate(Tokens.user(user));
            }
            TestSocket onB = TestSocket.connect(b.port());
            sockets.add(onB);
            onB.authenticate(Tokens.user(user));

            a.process().destroy();

            sockets.subList(0, SOCKETS_ON_A)
                    .forEach(socket ->
                            assertThat(socket.awaitClose()).as("close code").isEqualTo(1001));
            assertThat(a.process().waitFor(30, TimeUnit.SECONDS))
                    .as("exited within the drain time")
                    .isTrue();
            assertThat(database.liveOn(a.nodeId())).isZero();
            assertThat(database.closeReasonsOn(a.nodeId())).isEqualTo(Map.of("SERVER_SHUTDOWN", (long) SOCKETS_ON_A));
            assertThat(database.leaseState(a.nodeId())).isEqualTo("STOPPED");
            Duration pastExpiry = ProcessNode.LEASE_DURATION.plus(ProcessNode.REAPER_INTERVAL.multipliedBy(2));
            await("A's lease stays STOPPED past its expiry")
                    .during(pastExpiry)
                    .atMost(pastExpiry.plusSeconds(5))
                    .until(() ->
                            database.leaseState(a.nodeId()).equals("STOPPED") && database.reapedBy(a.nodeId()) == null);
            assertThat(onB.isClosed()).isFalse();
            assertThat(database.liveOn(b.nodeId())).isEqualTo(1);
        } finally {
            sockets.forEach(TestSocket::abort);
            a.close();
            b.close();
        }
    }
}
