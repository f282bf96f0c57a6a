package dev.switchboard.audit.rebuild;

import static dev.switchboard.audit.rebuild.RegistryRebuild.LIVE_TABLE;
import static dev.switchboard.audit.rebuild.RegistryRebuild.REBUILD_TABLE;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.dao.PessimisticLockingFailureException;

/** One claimed rebuild, from the empty rebuild table to SWITCHED or FAILED (the steps: {@link RegistryRebuild}). */
final class RebuildRun {

    /** Catch-up rounds before switching whatever the gap: under a load faster than the replay it never closes. */
    private static final int MAX_ROUNDS = 20;
    /** Tries at the lock, each after a new catch-up, before giving up rather than keep commands waiting. */
    private static final int LOCK_ATTEMPTS = 3;

    /** The claim was taken over by another node after this run fell silent: that node reports from now on. */
    private static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super(null, null, false, false);
        }
    }

    /** In-flight commands held the live table past the lock timeout; retried after another catch-up. */
    private static final class LockBusy extends RuntimeException {
        LockBusy() {
            super(null, null, false, false);
        }
    }

    private final RebuildTools tools;
    private final boolean repair;
    private final Consumer<RebuildStatus> mirror;
    private final Consumer<RuntimeException> failures;
    private final RebuildTableReplay replay;
    private RebuildStatus status;
    private boolean switched;

    RebuildRun(
            RebuildTools tools,
            RebuildStatus claimed,
            boolean repair,
            Consumer<RebuildStatus> mirror,
            Consumer<RuntimeException> failures) {
        this.tools = tools;
        this.repair = repair;
        this.mirror = mirror;
        this.failures = failures;
        this.status = claimed;
        this.replay = new RebuildTableReplay(
                tools.log(), new BatchedRegistryStore(tools.jdbc().getDataSource(), REBUILD_TABLE));
    }

    RebuildStatus run() {
        try {
            requireTheWholeLog();
            tools.tx().executeWithoutResult(transaction -> tools.jdbc().execute("TRUNCATE TABLE " + REBUILD_TABLE));
            catchUp();
            publish(status.with(RebuildState.VERIFYING, null, tools.clock().instant()));
            ComparedAhead compared = compareAhead();
            for (int attempt = 1; ; attempt++) {
                // what committed during the comparison (or the failed lock) is applied here, not under the lock
                catchUp();
                if (attempt > 1) {
                    publish(status.with(
                            RebuildState.VERIFYING, null, tools.clock().instant()));
                }
                try {
                    return switchOver(compared);
                } catch (LockBusy busy) {
                    String busyFor = "Could not lock the live registry within "
                            + tools.settings().lockTimeout();
                    if (attempt == LOCK_ATTEMPTS) {
                        return fail(busyFor + ", " + LOCK_ATTEMPTS + " times; nothing changed.");
                    }
                    publish(status.with(
                            RebuildState.REBUILDING,
                            busyFor + "; catching up to try again.",
                            tools.clock().instant()));
                }
            }
        } catch (ClaimLost lost) {
            return status;
        } catch (RuntimeException failure) {
            failures.accept(failure);
            return fail((switched
                            ? "The rebuild failed after its switch committed: "
                            : "The rebuild failed and changed nothing live: ")
                    + failure.getMessage());
        } finally {
            replay.close();
        }
    }

    /**
     * A replay that misses archived events would leave out their connections' rows, and a repair would then delete
     * them from the live table: so a log whose archive is not read (none given, or one lacking marked segments) is
     * refused before anything is written.
     */
    private void requireTheWholeLog() {
        tools.log().unreadArchive().ifPresent(unread -> {
            throw new IllegalStateException(unread.sentence() + "; a replay without them would drop their "
                    + "connections' rows: rebuild with that archive (the CLI's --archive, a node's "
                    + "SWITCHBOARD_ARCHIVE_DIR)");
        });
    }

    /**
     * The whole comparison, without the lock, at the replay's position P: commands go on meanwhile. From here on every
     * row the replay writes is noted, so the switch need compare again only those, the live rows written after P
     * and the rows that differed here (a difference here may be an event in flight).
     *
     * @param complete false when the differences filled {@link RegistryVerify#MAX_ROWS}: which rows differ is then
     *     not fully known, and the switch compares the whole tables again
     */
    private record ComparedAhead(long position, List<RegistryDifference> differences, boolean complete) {}

    private ComparedAhead compareAhead() {
        replay.noteTouchedRows();
        long position = replay.applied();
        var comparison = tools.verify().compareAll(LIVE_TABLE, REBUILD_TABLE);
        return new ComparedAhead(position, comparison.differences(), comparison.complete());
    }

    /** Replays batch by batch, one transaction each, until the log's head is near enough to apply under the lock. */
    private void catchUp() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long head = tools.log().head();
            long total = replay.eventsRead() + tools.log().count(replay.applied(), head);
            while (replay.applied() < head) {
                long upTo = Math.min(replay.applied() + tools.settings().batchSize(), head);
                tools.tx().executeWithoutResult(transaction -> replay.apply(upTo));
                publish(status.progressed(
                        replay.applied(),
                        replay.eventsRead(),
                        Math.max(total, replay.eventsRead()),
                        tools.clock().instant()));
            }
            tools.tx().executeWithoutResult(transaction -> replay.refillGaps());
            if (tools.log().head() - replay.applied() <= tools.settings().finalGap()) {
                return;
            }
        }
    }

    /**
     * The one transaction that locks the live table (commands' registry writes wait; reads go on), applies the last
     * events, compares again the rows that may have changed since {@link #compareAhead()}, and switches. Every event
     * committed before the lock is in the replay; an event appended but not committed has not reached the live table
     * either and will, once the lock is released, on top of the result. A row neither the replay nor the projection
     * wrote since the comparison ahead, and equal there, is equal still; its cost stays outside the lock.
     */
    private RebuildStatus switchOver(ComparedAhead compared) {
        long eventsBefore = replay.eventsRead();
        long lockRequested = System.nanoTime();
        var outcome = tools.tx().execute(transaction -> {
            if (tools.lockable()) {
                lock();
            }
            replay.apply(tools.log().head());
            replay.refillGaps();
            Collection<String> rows = compared.complete() ? rowsToCompareAgain(compared) : null;
            var comparison = rows == null
                    ? tools.verify().compareAll(LIVE_TABLE, REBUILD_TABLE)
                    : tools.verify().compare(LIVE_TABLE, REBUILD_TABLE, rows);
            List<RegistryDifference> differences = comparison.differences();
            RegistryRepair.Result repaired = null;
            if (repair && !differences.isEmpty()) {
                repaired = rows == null
                        ? tools.repair().apply(LIVE_TABLE, REBUILD_TABLE)
                        : tools.repair().apply(LIVE_TABLE, REBUILD_TABLE, rows);
            }
            return new SwitchOutcome(
                    replay.applied(),
                    differences,
                    repaired,
                    0,
                    replay.eventsRead() - eventsBefore,
                    rows == null ? liveRows() : rows.size(),
                    tools.lockable());
        });
        switched = true;
        // measured past the commit, which is what releases the lock
        var committed = outcome.lockedFor((System.nanoTime() - lockRequested) / 1_000_000);
        status = status.progressed(
                replay.applied(),
                replay.eventsRead(),
                Math.max(status.eventsTotal(), replay.eventsRead()),
                tools.clock().instant());
        return publish(status.with(
                committed.state(),
                committed.message(),
                committed.lockMillis(),
                committed.rowsUnderLock(),
                committed.differences(),
                tools.clock().instant()));
    }

    /** Rows the replay wrote since the comparison ahead, live rows written after it, and the rows that differed. */
    private Collection<String> rowsToCompareAgain(ComparedAhead compared) {
        Set<String> rows = new HashSet<>(replay.touchedRows());
        compared.differences().forEach(difference -> rows.add(difference.preliminaryId()));
        rows.addAll(tools.jdbc()
                .queryForList(
                        "SELECT preliminary_id FROM " + LIVE_TABLE + " WHERE last_position > ?",
                        String.class,
                        compared.position()));
        return rows;
    }

    private long liveRows() {
        return tools.jdbc().queryForObject("SELECT COUNT(*) FROM " + LIVE_TABLE, Long.class);
    }

    /** Nothing has been applied in the transaction yet when this fails, so the replay's state is still exact. */
    private void lock() {
        try {
            tools.jdbc()
                    .execute("SET LOCAL lock_timeout = "
                            + tools.settings().lockTimeout().toMillis());
            tools.jdbc().execute("LOCK TABLE " + LIVE_TABLE + " IN EXCLUSIVE MODE");
        } catch (PessimisticLockingFailureException busy) {
            throw new LockBusy();
        }
    }

    /** Records the failure; if the database is what failed, the node that ran it still knows. */
    private RebuildStatus fail(String message) {
        status = status.with(RebuildState.FAILED, message, tools.clock().instant());
        mirror.accept(status);
        try {
            tools.table().write(status);
        } catch (RuntimeException unreachable) {
            // the in-memory status above is the report; the table keeps the claim until it goes stale
        }
        return status;
    }

    private RebuildStatus publish(RebuildStatus next) {
        status = next;
        if (!tools.table().write(next)) {
            throw new ClaimLost();
        }
        mirror.accept(next);
        return next;
    }
}
