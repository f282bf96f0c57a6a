package dev.switchboard.gateway.feed;

import dev.switchboard.gateway.cluster.ClusterProperties;
import dev.switchboard.gateway.node.PeriodicJob;
import org.springframework.stereotype.Component;

/**
 * The slow safety net under the feed announcements: every few seconds each READY socket on this node that is behind
 * its user's feed head catches up from the log. An announcement that was lost (a dropped listener connection, a full
 * fan-out queue) then delays an event by at most one interval; it never loses it.
 */
@Component
class CatchUpSweep extends PeriodicJob {

    private final CatchUps catchUps;

    CatchUpSweep(CatchUps catchUps, ClusterProperties properties) {
        super("feed-catch-up", properties::catchUpInterval);
        this.catchUps = catchUps;
    }

    /** @return how many users' feeds were checked */
    int sweep() {
        return catchUps.catchUpAll();
    }

    @Override
    protected void runOnce() {
        sweep();
    }
}
