package dev.switchboard.gateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * What the socket engine and the feed measure: handshakes, how late feed events reach a socket, and what is re-sent
 * from the log.
 */
@Component
public class SocketMetrics {

    private final Clock clock;
    private final Timer handshake;
    private final Timer delivery;
    private final Counter replayedOnResume;
    private final Counter gapFills;
    private final Counter archived;

    SocketMetrics(MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.handshake = Timer.builder("switchboard.handshake.duration")
                .description("From the upgrade to the ready frame, the client's wait for its auth frame included")
                .publishPercentileHistogram()
                .register(meters);
        this.delivery = Timer.builder("switchboard.delivery.latency")
                .description("From a feed event's append to its frame being queued on a live socket")
                .publishPercentileHistogram()
                .register(meters);
        this.replayedOnResume = resent(meters, "resume");
        this.gapFills = resent(meters, "gap_fill");
        this.archived = Counter.builder("switchboard.feed.gap")
                .description("Feed events a socket lacked that the log no longer holds (archived): announced to the "
                        + "client in a gap frame")
                .register(meters);
    }

    private static Counter resent(MeterRegistry meters, String path) {
        return Counter.builder("switchboard.feed.resent")
                .description("Feed events read back from the log for a socket: after a resume's lastSeq, or to fill "
                        + "a gap in live delivery")
                .tag("path", path)
                .register(meters);
    }

    public void handshake(long upgradedAtNanos) {
        handshake.record(Duration.ofNanos(System.nanoTime() - upgradedAtNanos));
    }

    /** Not for replays: an event replayed on resume is as old as the client's absence, not as slow as the node. */
    public void delivered(Instant appendedAt) {
        Duration latency = Duration.between(appendedAt, clock.instant());
        delivery.record(latency.isNegative() ? Duration.ZERO : latency); // clocks of two nodes may disagree a little
    }

    public void replayedOnResume(long events) {
        if (events > 0) {
            replayedOnResume.increment(events);
        }
    }

    public void gapFilled(long events) {
        if (events > 0) {
            gapFills.increment(events);
        }
    }

    public void gapAnnounced(long events) {
        if (events > 0) {
            archived.increment(events);
        }
    }
}
