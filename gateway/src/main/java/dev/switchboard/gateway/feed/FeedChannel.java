package dev.switchboard.gateway.feed;

import dev.switchboard.gateway.cluster.AnnouncementChannel;
import dev.switchboard.gateway.node.NodeIdentity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What this node hears of the feed announcements ({@link FeedNotifications}): each head another node announced goes
 * to the {@link CatchUps}, which let this node's sockets of that user catch up from the log. The node's own
 * announcements are skipped: its {@link LocalFanOut} delivers its own events, and reading them from the log again
 * would double the work of a busy node just when it can least afford it. After the listener was away, every local
 * socket catches up.
 */
@Component
class FeedChannel implements AnnouncementChannel {

    private final CatchUps catchUps;
    private final String nodeId;

    FeedChannel(CatchUps catchUps, NodeIdentity node) {
        this.catchUps = catchUps;
        this.nodeId = node.id();
    }

    @Override
    public String name() {
        return FeedNotifications.CHANNEL;
    }

    /**
     * Only the newest seq per user matters: catching up to it brings every earlier one along. Users this node holds
     * no socket of are dropped before anything is queued or read.
     */
    @Override
    public void heard(List<String> payloads) {
        Map<String, Long> newest = new HashMap<>();
        for (String payload : payloads) {
            if (!nodeId.equals(HeadsPayload.origin(payload))) {
                HeadsPayload.decode(payload).forEach((user, seq) -> newest.merge(user, seq, Math::max));
            }
        }
        newest.forEach(catchUps::catchUp);
    }

    @Override
    public void missedSome() {
        catchUps.catchUpAll();
    }
}
