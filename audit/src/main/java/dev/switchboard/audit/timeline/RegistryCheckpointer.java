package dev.switchboard.audit.timeline;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.RegistryEvents;

/**
 * Makes registry checkpoints every {@code every} log positions, each from the one before it: the newest checkpoint's
 * open rows plus the registry events since, so one costs {@code every} positions of the log however long the log is.
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
        SandboxRegistry registry = new SandboxRegistry();
        checkpoints.atOrBefore(from).ifPresent(checkpoint -> registry.restore(checkpoint.openRows()));
        int made = 0;
        for (long at = from + every; at <= upTo && made < most; at += every) {
            log.scan(from, at, RegistryEvents.TYPES, registry::apply);
            var closed = registry.removeClosed();
            checkpoints.write(at, registry.checkpointRows(), closed);
            from = at;
            made++;
        }
        return made;
    }
}
