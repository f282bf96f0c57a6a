package dev.switchboard.gateway.cluster;

import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.node.PeriodicJob;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every node looks for leases that ran out and reaps the nodes behind them: their open connections are closed as
 * NODE_LOST, so the registry holds no ghost that routing would wait on. One node reaps each dead node, the one whose
 * claim on the lease row matched; a reaper that dies midway leaves the row claimable again after a lease duration.
 */
@Component
class GhostReaper extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(GhostReaper.class);

    private final NodeLeases leases;
    private final LeftoverConnections leftovers;
    private final String self;
    private final ClusterProperties properties;
    private final Clock clock;

    GhostReaper(
            NodeLeases leases,
            LeftoverConnections leftovers,
            NodeIdentity node,
            ClusterProperties properties,
            Clock clock) {
        super("ghost-reaper", properties::reaperInterval);
        this.leases = leases;
        this.leftovers = leftovers;
        this.self = node.id();
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many dead nodes this node reaped */
    int reap() {
        int reaped = 0;
        for (NodeLease lease : leases.claimable(clock.instant(), properties.leaseDuration(), self)) {
            if (!leases.claim(lease.nodeId(), self, clock.instant(), properties.leaseDuration())) {
                continue; // another node claimed it first, or it renewed after all
            }
            log.warn(
                    "node {} stopped renewing its lease at {}; node {} closes its connections",
                    lease.nodeId(),
                    lease.renewedAt(),
                    self);
            leftovers.close(
                    lease.nodeId(),
                    lease.expiresAt(),
                    "node " + lease.nodeId() + " stopped renewing its lease at " + lease.renewedAt());
            leases.reaped(lease.nodeId(), self, clock.instant());
            reaped++;
        }
        return reaped;
    }

    /** Runs once the node is started: closing a connection needs Axon. */
    @Override
    protected void runOnce() {
        reap();
    }
}
