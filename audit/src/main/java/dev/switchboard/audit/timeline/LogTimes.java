package dev.switchboard.audit.timeline;

import dev.switchboard.audit.log.EventLog;
import java.time.Instant;

/**
 * Turns times into log positions by reading every event's timestamp up to the head (positions and stamps only, no
 * payloads). Stamps are not monotonic in position (nodes' clocks differ), so no search can stop early or bisect.
 */
final class LogTimes {

    private final Instant from;
    private final Instant to;
    private final long head;
    private long firstAtOrAfter = Long.MAX_VALUE;
    private long lastAtOrBefore = PositionRange.BEFORE_FIRST;

    private LogTimes(Instant from, Instant to, long head) {
        this.from = from;
        this.to = to;
        this.head = head;
    }

    /** @param from or null when not wanted; likewise {@code to} */
    static LogTimes scan(EventLog log, long head, Instant from, Instant to) {
        LogTimes times = new LogTimes(from, to, head);
        log.scanTimestamps(PositionRange.BEFORE_FIRST, head, times::see);
        return times;
    }

    /** The last position stamped at or before {@code time}; 0 when none is. */
    static long lastAtOrBefore(EventLog log, Instant time) {
        return scan(log, log.head(), null, time).lastAtOrBefore();
    }

    private void see(Instant timestamp, long position) {
        if (from != null && position < firstAtOrAfter && !timestamp.isBefore(from)) {
            firstAtOrAfter = position;
        }
        if (to != null && !timestamp.isAfter(to)) {
            lastAtOrBefore = position;
        }
    }

    /** The first position stamped at or after {@code from}; past the head when none is, so the window is empty. */
    long firstAtOrAfter() {
        return firstAtOrAfter == Long.MAX_VALUE ? head + 1 : firstAtOrAfter;
    }

    long lastAtOrBefore() {
        return lastAtOrBefore;
    }
}
