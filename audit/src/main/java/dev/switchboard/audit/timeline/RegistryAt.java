package dev.switchboard.audit.timeline;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.RegistryEvents;
import java.time.Instant;

/**
 * The registry as of any moment of the log, rebuilt by replaying the connection events up to it through the
 * registry's projection logic in memory. Nothing is indexed by time, so the cost is linear in the log up to that
 * moment; only the events that change a row ({@link RegistryEvents}) leave the database, so feed events, claims and
 * refusals cost PostgreSQL a filtered index range scan and the node nothing. Memory grows with the connections opened
 * by then.
 */
public final class RegistryAt {

    private final EventLog log;

    public RegistryAt(EventLog log) {
        this.log = log;
    }

    /** The registry right after the event at {@code position} (or at the head, if the log ends before it). */
    public RegistrySnapshot at(long position) {
        long upTo = Math.min(position, log.head());
        SandboxRegistry registry = new SandboxRegistry();
        log.scan(PositionRange.BEFORE_FIRST, upTo, RegistryEvents.TYPES, registry::apply);
        return new RegistrySnapshot(upTo, registry.rows());
    }

    /**
     * The registry right after the last event stamped at or before {@code time}. Stamps come from the appending nodes'
     * clocks, so events in between stamped a little later by a node whose clock runs ahead are included: the
     * position, not the stamp, is the order things happened in. Costs one more scan, of positions and stamps only.
     */
    public RegistrySnapshot atTime(Instant time) {
        return at(LogTimes.lastAtOrBefore(log, time));
    }
}
