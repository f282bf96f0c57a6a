package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.audit.log.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The registry as of any moment of the log, rebuilt by replaying the connection events up to it through the
 * registry's projection logic in memory. With checkpoints ({@link RegistryCheckpoints}) the replay starts from the
 * nearest one at or before the moment, so it costs at most the positions between two checkpoints plus reading the
 * rows; without, it is linear in the log up to that moment. Only the events that change a row ({@link
 * RegistryEvents}) leave the database, so feed events, claims and refusals cost PostgreSQL a filtered index range
 * scan and the node nothing. Memory grows with the connections opened by then.
 */
public final class RegistryAt {

    private final EventLog log;
    private final Optional<RegistryCheckpoints> checkpoints;

    public RegistryAt(EventLog log) {
        this(log, null);
    }

    /** @param checkpoints null to always replay from the beginning of the log */
    public RegistryAt(EventLog log, RegistryCheckpoints checkpoints) {
        this.log = log;
        this.checkpoints = Optional.ofNullable(checkpoints);
    }

    /** The registry right after the event at {@code position} (or at the head, if the log ends before it). */
    public RegistrySnapshot at(long position) {
        return at(position, null);
    }

    /**
     * The connections in {@code state} (all when null) right after the event at {@code position}. Closed rows are
     * most of an old registry; a state other than CLOSED does not read them.
     */
    public RegistrySnapshot at(long position, ConnectionState state) {
        long upTo = Math.min(position, log.head());
        OptionalLong checkpoint =
                checkpoints.map(table -> table.atOrBefore(upTo)).orElse(OptionalLong.empty());
        long from = checkpoint.orElse(PositionRange.BEFORE_FIRST);
        SandboxRegistry registry = new SandboxRegistry();
        if (checkpoint.isPresent()) {
            registry.restore(checkpoints.get().openAt(from));
        }
        registry.replay(log, from, upTo);
        List<CheckpointRow> rows = new ArrayList<>(registry.checkpointRows());
        if (checkpoint.isPresent()) {
            if (state == null || state == ConnectionState.CLOSED) {
                rows.addAll(checkpoints.get().closedUpTo(from));
            }
            rows.sort(Comparator.comparingLong(CheckpointRow::openedAt));
        }
        return new RegistrySnapshot(
                upTo,
                rows.stream()
                        .map(CheckpointRow::row)
                        .filter(row -> state == null || row.state() == state)
                        .map(RegistryRow::of)
                        .toList());
    }

    /**
     * The registry right after the last event stamped at or before {@code time}. Stamps come from the appending nodes'
     * clocks, so events in between stamped a little later by a node whose clock runs ahead are included: the
     * position, not the stamp, is the order things happened in. Costs one more scan, of positions and stamps only.
     */
    public RegistrySnapshot atTime(Instant time) {
        return atTime(time, null);
    }

    /** Like {@link #atTime(Instant)}, only the connections in {@code state} (all when null). */
    public RegistrySnapshot atTime(Instant time, ConnectionState state) {
        return at(LogTimes.lastAtOrBefore(log, time), state);
    }
}
