package dev.switchboard.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.cluster.NodeLease.State;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lease table decides every race in one conditional UPDATE. The leases here expire an hour from now and the
 * tests pass a "now" beyond that, so the real reapers of the nodes running in this JVM leave them alone.
 */
class NodeLeasesIT extends PostgresIntegrationTest {

    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Instant EXPIRY = START.plus(Duration.ofHours(1));
    private static final Instant LATER = EXPIRY.plusSeconds(1);

    @Autowired
    NodeLeases leases;

    @Test
    void exactlyOneOfManyNodesClaimsAnExpiredLease() throws Exception {
        String dead = deadNode();
        int claimers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            List<CompletableFuture<Boolean>> claims = IntStream.range(0, claimers)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                await(go);
                                return leases.claim(dead, "reaper-" + i, LATER, GRACE);
                            },
                            pool))
                    .toList();
            go.countDown();
            assertThat(claims.stream().map(CompletableFuture::join)).containsOnlyOnce(true);
        } finally {
            pool.shutdownNow();
        }
        assertThat(lease(dead).state()).isEqualTo(State.REAPING);
        assertThat(lease(dead).reapedBy()).startsWith("reaper-");
    }

    @Test
    void aRenewedLeaseIsOutOfTheReapersReach() {
        String node = "node-" + UUID.randomUUID();
        leases.start(node, START, START.plusSeconds(15));

        assertThat(leases.renew(node, LATER.minusSeconds(10), LATER.plusSeconds(5)))
                .isTrue();

        assertThat(lease(node).expiresAt()).isEqualTo(LATER.plusSeconds(5));
        assertThat(leases.claimable(LATER, GRACE, "me"))
                .extracting(NodeLease::nodeId)
                .doesNotContain(node);
        assertThat(leases.claim(node, "me", LATER, GRACE)).isFalse();
    }

    @Test
    void aReapedNodeCannotRenewAndComesBackWithAFreshLease() {
        String dead = deadNode();
        assertThat(leases.claim(dead, "reaper", LATER, GRACE)).isTrue();
        leases.reaped(dead, "reaper", LATER);
        assertThat(lease(dead).state()).isEqualTo(State.REAPED);

        assertThat(leases.renew(dead, LATER, LATER.plusSeconds(15))).isFalse();

        leases.start(dead, LATER, LATER.plusSeconds(15));
        NodeLease fresh = lease(dead);
        assertThat(fresh.state()).isEqualTo(State.ALIVE);
        assertThat(fresh.startedAt()).isEqualTo(LATER);
        assertThat(fresh.reapedBy()).isNull();
        assertThat(leases.renew(dead, LATER.plusSeconds(3), LATER.plusSeconds(18)))
                .isTrue();
    }

    @Test
    void aStoppedLeaseIsNeverReaped() {
        String node = "node-" + UUID.randomUUID();
        leases.start(node, START, EXPIRY);

        assertThat(leases.stop(node, START.plusSeconds(1))).isTrue();

        assertThat(lease(node).state()).isEqualTo(State.STOPPED);
        assertThat(leases.claimable(LATER.plus(Duration.ofDays(1)), GRACE, "me"))
                .extracting(NodeLease::nodeId)
                .doesNotContain(node);
        assertThat(leases.claim(node, "me", LATER.plus(Duration.ofDays(1)), GRACE))
                .isFalse();
    }

    @Test
    void aLeaseWhoseReaperDiedMidwayCanBeClaimedAgainAfterTheGrace() {
        String dead = deadNode();
        assertThat(leases.claim(dead, "reaper-that-dies", LATER, GRACE)).isTrue();

        assertThat(leases.claim(dead, "second", LATER.plus(GRACE).minusSeconds(1), GRACE))
                .isFalse();
        assertThat(leases.claim(dead, "second", LATER.plus(GRACE).plusSeconds(1), GRACE))
                .isTrue();

        leases.reaped(dead, "reaper-that-dies", LATER.plus(GRACE)); // too late: no longer its claim
        assertThat(lease(dead).state()).isEqualTo(State.REAPING);
        leases.reaped(dead, "second", LATER.plus(GRACE));
        assertThat(lease(dead).state()).isEqualTo(State.REAPED);
        assertThat(lease(dead).reapedBy()).isEqualTo("second");
    }

    /** A node that renewed until {@link #EXPIRY} and then went silent. */
    private String deadNode() {
        String node = "dead-" + UUID.randomUUID();
        leases.start(node, START, EXPIRY);
        assertThat(leases.claimable(LATER, GRACE, "me"))
                .extracting(NodeLease::nodeId)
                .contains(node);
        return node;
    }

    private NodeLease lease(String node) {
        return leases.all().stream()
                .filter(lease -> lease.nodeId().equals(node))
                .findFirst()
                .orElseThrow();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
