package dev.switchboard.gateway.rest;

import dev.switchboard.audit.rebuild.RebuildStatus;
import dev.switchboard.audit.rebuild.RegistryDifference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A projection as an operator sees it: how far it has applied the log, and its latest rebuild.
 *
 * @param position the newest log position the live registry reflects
 * @param head the newest log position
 * @param lag {@code head - position}, in log positions. The registry is projected in each command's transaction, so
 *     it never trails a registry event; the lag counts the entries after its newest one that change no registry row
 *     (agent feed events, final-id claims, refusals, token refreshes) and positions of rolled-back appends
 */
record ProjectionResponse(String name, String state, long position, long head, long lag, Rebuild rebuild) {

    /** Differences listed in an answer at most; {@code differenceCount} has them all. */
    static final int DIFFERENCES_SHOWN = 100;

    /**
     * @param eventsDone log entries replayed
     * @param eventsTotal log entries up to the head, growing with the log while the rebuild runs
     * @param etaSeconds null until a rate is known; 0 once finished
     * @param lockMillis how long the live table was locked for the switch (on the node that ran it)
     * @param rowsComparedUnderLock registry rows compared while it was locked: the rows the last events touched, not
     *     the whole table (on the node that ran it)
     * @param differenceCount how many differences the comparison found; the list shows the first 100
     */
    record Rebuild(
            long eventsDone,
            long eventsTotal,
            long eventsPerSecond,
            Long etaSeconds,
            Instant startedAt,
            Instant finishedAt,
            String message,
            Long lockMillis,
            Long rowsComparedUnderLock,
            int differenceCount,
            List<Difference> differences) {}

    /** @param kind {@code missing_row}, {@code extra_row} or {@code column_differs} */
    record Difference(String kind, String preliminaryId, String column, String live, String rebuilt) {}

    static ProjectionResponse of(RebuildStatus status, long position, long head, Instant now) {
        var rebuild = new Rebuild(
                status.eventsDone(),
                status.eventsTotal(),
                Math.round(status.eventsPerSecond(now)),
                status.etaSeconds(now),
                status.startedAt(),
                status.finishedAt(),
                status.message(),
                status.lockMillis(),
                status.rowsComparedUnderLock(),
                status.differences().size(),
                status.differences().stream()
                        .limit(DIFFERENCES_SHOWN)
                        .map(ProjectionResponse::difference)
                        .toList());
        return new ProjectionResponse(status.name(), status.state().name(), position, head, head - position, rebuild);
    }

    private static Difference difference(RegistryDifference difference) {
        return new Difference(
                difference.kind().name().toLowerCase(Locale.ROOT),
                difference.preliminaryId(),
                difference.column(),
                difference.live(),
                difference.rebuilt());
    }
}
