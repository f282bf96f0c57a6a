package dev.switchboard.gateway.feed;

import dev.switchboard.gateway.cluster.AnnouncementChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What this node hears of other nodes' feed announcements ({@link FeedNotifications}): each announced head goes to
 * the local fan-out, which lets this node's sockets of that user catch up from the log. After the listener was away,
 * every local socket catches up.
 */
@Component
class FeedChannel implements AnnouncementChannel {

    private final LocalFanOut fanOut;

    FeedChannel(LocalFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public String name() {
        return FeedNotifications.CHANNEL;
    }

    /**
     * Only the newest seq per user matters: catching up to it brings every earlier one along. Users this node holds
     * no socket of are dropped by the fan-out before anything is queued or read.
     */
    @Override
    public void heard(List<String> payloads) {
        Map<String, Long> newest = new HashMap<>();
        for (String payload : payloads) {
            HeadsPayload.decode(payload).forEach((user, seq) -> newest.merge(user, seq, Math::max));
        }
        newest.forEach(fanOut::catchUp);
    }

    @Override
    public void missedSome() {
        fanOut.catchUpAll();
    }
}
