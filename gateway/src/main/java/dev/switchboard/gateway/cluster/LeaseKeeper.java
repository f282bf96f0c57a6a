package dev.switchboard.gateway.cluster;

import dev.switchboard.gateway.node.DaemonThreads;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.socket.Eviction;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's lease alive. It starts after Axon and before sockets are accepted, taking a fresh lease and closing
 * what an earlier run under the same id left open; it stops right after the drain, marking the lease STOPPED only when
 * the drain left no connection open (otherwise the lease runs out and another node reaps the rest).
 */
@Component
class LeaseKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final NodeLeases leases;
    private final LeftoverConnections leftovers;
    private final Eviction eviction;
    private final String nodeId;
    private final ClusterProperties properties;
    private final Clock clock;
    private ScheduledExecutorService renewals;
    private volatile boolean running;

    LeaseKeeper(
            NodeLeases leases,
            LeftoverConnections leftovers,
            Eviction eviction,
            NodeIdentity node,
            ClusterProperties properties,
            Clock clock) {
        this.leases = leases;
        this.leftovers = leftovers;
        this.eviction = eviction;
        this.nodeId = node.id();
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        Instant now = clock.instant();
        leases.start(nodeId, now, now.plus(properties.leaseDuration()));
        // no socket is open yet, so every open connection under this id is a ghost of an earlier run
        leftovers.close(nodeId, now, "node " + nodeId + " restarted; the connection belonged to its previous run");
        // a thread of its own, so that a slow reaping or catch-up never delays a renewal
        renewals = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("lease-renewal"));
        long period = properties.leaseRenewal().toMillis();
        renewals.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
        running = true;
    }

    void renew() {
        try {
            Instant now = clock.instant();
            if (leases.renew(nodeId, now, now.plus(properties.leaseDuration()))) {
                return;
            }
            log.warn(
                    "node {} lost its lease: another node presumed it dead and closed its connections; closing its "
                            + "sockets so that clients reconnect, then starting a fresh lease",
                    nodeId);
            int evicted = eviction.evictAll("node " + nodeId + " lost its lease");
            leases.start(nodeId, clock.instant(), clock.instant().plus(properties.leaseDuration()));
            log.info("node {} took a fresh lease after closing {} sockets", nodeId, evicted);
        } catch (RuntimeException e) {
            log.warn("node {} could not renew its lease: {}", nodeId, e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (renewals != null) {
            renewals.shutdownNow();
        }
        try {
            int open = leftovers.count(nodeId, clock.instant());
            if (open == 0) {
                leases.stop(nodeId, clock.instant());
                log.info("node {} stopped; its lease is STOPPED", nodeId);
            } else {
                log.warn(
                        "node {} stops with {} connections still open; its lease runs out and another node will "
                                + "close them as NODE_LOST",
                        nodeId,
                        open);
            }
        } catch (RuntimeException e) {
            log.warn("node {} could not end its lease: {}", nodeId, e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after Axon (which the leftover closes need) and stops right after the drain ({@code MAX_VALUE}). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
