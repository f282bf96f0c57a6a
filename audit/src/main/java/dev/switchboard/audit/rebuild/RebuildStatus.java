package dev.switchboard.audit.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A projection's rebuild as the status table and the node running it know it. Rates are derived when read, so any
 * node can answer from the table alone; the differences and the lock time are known in full only to the node that ran
 * it (the table's message sums them up for the others).
 *
 * @param position the newest log position the rebuild has applied
 * @param eventsDone log entries read so far (feed events included: they take the same time to read)
 * @param eventsTotal entries up to the current head, growing while the log does
 * @param lockMillis how long the live table was locked for the switch; null until then, or on another node
 * @param rowsComparedUnderLock registry rows compared again while the live table was locked: those the events of the
 *     rebuild's last step touched, not the whole table; null until then, or on another node
 * @param differences the live table against the replay, when compared on this node: at most {@link
 *     RegistryVerify#MAX_ROWS} rows' worth
 */
public record RebuildStatus(
        String name,
        RebuildState state,
        long position,
        long eventsDone,
        long eventsTotal,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        String owner,
        String message,
        Long lockMillis,
        Long rowsComparedUnderLock,
        List<RegistryDifference> differences) {

    public RebuildStatus {
        differences = differences == null ? List.of() : List.copyOf(differences);
    }

    /** Entries read per second since the start, up to the end or {@code now}; 0 before anything was read. */
    public double eventsPerSecond(Instant now) {
        if (startedAt == null || eventsDone == 0) {
            return 0;
        }
        Instant end = finishedAt != null ? finishedAt : now;
        double seconds = Math.max(Duration.between(startedAt, end).toNanos(), 1) / 1e9;
        return eventsDone / seconds;
    }

    /** Seconds left at the current rate; 0 once finished, null while no rate is known yet. */
    public Long etaSeconds(Instant now) {
        if (!state.running()) {
            return 0L;
        }
        double rate = eventsPerSecond(now);
        return rate == 0 ? null : (long) Math.ceil(Math.max(eventsTotal - eventsDone, 0) / rate);
    }

    RebuildStatus with(RebuildState newState, String newMessage, Instant now) {
        return with(newState, newMessage, null, null, List.of(), now);
    }

    RebuildStatus with(
            RebuildState newState,
            String newMessage,
            Long newLockMillis,
            Long newRowsComparedUnderLock,
            List<RegistryDifference> newDifferences,
            Instant now) {
        return new RebuildStatus(
                name,
                newState,
                position,
                eventsDone,
                eventsTotal,
                startedAt,
                newState.running() ? null : now,
                now,
                owner,
                newMessage,
                newLockMillis,
                newRowsComparedUnderLock,
                newDifferences);
    }

    RebuildStatus progressed(long newPosition, long done, long total, Instant now) {
        return new RebuildStatus(
                name,
                state,
                newPosition,
                done,
                total,
                startedAt,
                finishedAt,
                now,
                owner,
                message,
                lockMillis,
                rowsComparedUnderLock,
                differences);
    }
}
