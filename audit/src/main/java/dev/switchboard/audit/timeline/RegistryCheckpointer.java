package dev.switchboard.audit.timeline;

import dev.switchboard.audit.log.EventLog;

/**
 * Makes registry checkpoints every {@code every} log positions, each from the one before it: the newest checkpoint's
 * open rows plus the registry events since, so one costs {@code every} positions of the log and the rows they changed
 * however long the log is (and, one in {@link RegistryCheckpoints#fullEvery()}, a copy of every open row).
 * Only positions no transaction can still write below may be checkpointed (a committed log has no gap that fills
 * later): the caller says how far that is.
 */
public final class RegistryCheckpointer {

    private final EventLog log;
    private final RegistryCheckpoints checkpoints;
    private final long every;

    public RegistryCheckpointer(EventLog log, RegistryCheckpoints checkpoints, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoints are at least one position apart");
        }
        this.log = log;
        this.checkpoints = checkpoints;
        this.every = every;
    }

    /**
     * Makes the checkpoints due after the newest one, up to {@code upTo} and at most {@code most} of them.
     *
     * @return how many it made
     */
    public int extend(long upTo, int most) {
        long from = checkpoints.newestPosition();
        if (from + every > upTo || most < 1) {
            return 0;
        }
        SandboxRegistry registry = new SandboxRegistry();
        if (from > 0) {
            registry.restore(checkpoints.openAt(from));
        }
        int sinceFull = checkpoints.sinceFull();
        int made = 0;
        for (long at = from + every; at <= upTo && made < most; at += every) {
            registry.replay(log, from, at);
            var closed = registry.removeClosed();
            boolean full = sinceFull >= checkpoints.fullEvery() - 1;
            checkpoints.write(at, from, full, full ? registry.checkpointRows() : registry.changedAfter(from), closed);
            sinceFull = full ? 0 : sinceFull + 1;
            from = at;
            made++;
        }
        return made;
    }
}
