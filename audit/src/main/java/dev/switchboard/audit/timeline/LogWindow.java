package dev.switchboard.audit.timeline;

import dev.switchboard.audit.log.EventLog;
import java.time.Instant;

/**
 * A window of the log, each end a position, a time or open (null). Times are turned into positions by scanning the
 * log's timestamps: the window starts at the first event stamped at or after {@code from} and ends at the last event
 * stamped at or before {@code to}. Events in between are in it whatever their own stamps say, because the stamps come
 * from different nodes' clocks and only positions give the true order.
 */
public record LogWindow(LogBound from, LogBound to) {

    public static final LogWindow ALL = new LogWindow(null, null);

    public static LogWindow positions(long from, long to) {
        return new LogWindow(LogBound.position(from), LogBound.position(to));
    }

    /** The positions of this window in the log as it is now; an open end is the log's start or its head. */
    public PositionRange resolve(EventLog log) {
        long head = log.head();
        LogTimes times = isTime(from) || isTime(to) ? LogTimes.scan(log, head, time(from), time(to)) : null;
        long first = from == null
                ? PositionRange.BEFORE_FIRST + 1
                : from.position() != null ? from.position() : times.firstAtOrAfter();
        long last = to == null ? head : to.position() != null ? Math.min(to.position(), head) : times.lastAtOrBefore();
        return new PositionRange(first, last);
    }

    private static boolean isTime(LogBound bound) {
        return bound != null && bound.time() != null;
    }

    private static Instant time(LogBound bound) {
        return isTime(bound) ? bound.time() : null;
    }
}
