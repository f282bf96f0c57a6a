package dev.switchboard.gateway.cluster;

import dev.switchboard.gateway.node.PeriodicJob;
import org.springframework.stereotype.Component;

/**
 * The slow safety net under the close announcements: every {@code switchboard.cluster.close-check-interval} the
 * sockets this node holds are checked against the registry, and those whose connection is closed there are closed.
 * A lost announcement then leaves a kicked socket open for at most one interval, and it receives no event meanwhile:
 * delivery asks the registry too.
 */
@Component
class CloseCheck extends PeriodicJob {

    private final ClosesChannel closes;

    CloseCheck(ClosesChannel closes, ClusterProperties properties) {
        super("close-check", properties::closeCheckInterval);
        this.closes = closes;
    }

    /** @return how many sockets were closed */
    int check() {
        return closes.closeThoseClosedInRegistry();
    }

    @Override
    protected void runOnce() {
        check();
    }
}
