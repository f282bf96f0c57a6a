package dev.switchboard.audit.timeline;

import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.RegistryEvents;
import dev.switchboard.audit.log.RegistryPayloads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The registry as of any moment of the log, rebuilt by replaying the connection events up to it through the
 * registry's projection logic in memory. With checkpoints ({@link RegistryCheckpoints}) the replay starts from the
 * nearest one at or before the moment, so it costs at most the positions between two checkpoints plus reading the
 * rows; without, it is linear in the log up to that moment. Only the payloads of the events that change a row ({@link
 * RegistryEvents}) leave the database, read by {@link RegistryPayloads}; feed events, claims and refusals cross as
 * their positions alone. Memory grows with the connections opened by then.
 */
public final class RegistryAt {

    /** Every state: the whole registry. */
    public static final Set<ConnectionState> ALL = Collections.unmodifiableSet(EnumSet.allOf(ConnectionState.class));

    /** The connections that were not closed: opened, authenticated or ready. */
    public static final Set<ConnectionState> LIVE =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(ConnectionState.CLOSED)));

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
        return at(position, ALL);
    }

    /** The connections in {@code state} (all when null) right after the event at {@code position}. */
    public RegistrySnapshot at(long position, ConnectionState state) {
        return at(position, state == null ? ALL : EnumSet.of(state));
    }

    /**
     * The connections in one of {@code states} right after the event at {@code position}. Closed rows are most of an
     * old registry (every connection ever opened); without CLOSED among the states they are not read, so the live
     * connections ({@link #LIVE}) cost what the open rows cost however long the log.
     */
    public RegistrySnapshot at(long position, Set<ConnectionState> states) {
        long upTo = Math.min(position, log.head());
        OptionalLong checkpoint =
                checkpoints.map(table -> table.atOrBefore(upTo)).orElse(OptionalLong.empty());
        long from = checkpoint.orElse(PositionRange.BEFORE_FIRST);
        SandboxRegistry registry = new SandboxRegistry();
        List<CheckpointRow> rows = new ArrayList<>();
        if (checkpoint.isPresent()) {
            rows.addAll(fromCheckpoint(checkpoints.get().openAt(from), registry, from, upTo, states));
            if (states.contains(ConnectionState.CLOSED)) {
                rows.addAll(checkpoints.get().closedUpTo(from));
            }
        } else {
            registry.replay(log, from, upTo);
        }
        rows.addAll(registry.checkpointRows());
        rows.sort(Comparator.comparingLong(CheckpointRow::openedAt));
        return new RegistrySnapshot(
                upTo,
                rows.stream()
                        .map(CheckpointRow::row)
                        .filter(row -> states.contains(row.state()))
                        .map(RegistryRow::of)
                        .toList());
    }

    /**
     * Replays the events after a checkpoint into {@code registry} with only the checkpoint's open rows they touch put
     * back in it (a few hundred, of up to every open connection), and returns the others still open, in one of {@code
     * states}: no event changes them, so they are read once and never copied into the registry's maps.
     */
    private List<CheckpointRow> fromCheckpoint(
            List<CheckpointRow> open, SandboxRegistry registry, long from, long upTo, Set<ConnectionState> states) {
        List<LoggedPayload> events = new ArrayList<>();
        log.scanPayloads(
                from,
                upTo,
                RegistryEvents.TYPES,
                RegistryPayloads::read,
                (position, payload) -> events.add(new LoggedPayload(position, payload)),
                position -> {});
        Set<String> touched = new HashSet<>();
        events.forEach(event -> {
            if (event.payload() instanceof ConnectionEvent connectionEvent) {
                touched.add(connectionEvent.connectionId());
            }
        });
        List<CheckpointRow> untouched = new ArrayList<>();
        List<CheckpointRow> restored = new ArrayList<>();
        for (CheckpointRow row : open) {
            if (touched.contains(row.row().preliminaryId())) {
                restored.add(row);
            } else if (states.contains(row.row().state())) {
                untouched.add(row);
            }
        }
        registry.restore(restored);
        events.forEach(event -> registry.apply(event.position(), event.payload()));
        return untouched;
    }

    private record LoggedPayload(long position, Object payload) {}

    /**
     * The registry right after the last event stamped at or before {@code time}. Stamps come from the appending nodes'
     * clocks, so events in between stamped a little later by a node whose clock runs ahead are included: the
     * position, not the stamp, is the order things happened in. Costs one more scan, of positions and stamps only.
     */
    public RegistrySnapshot atTime(Instant time) {
        return atTime(time, ALL);
    }

    /** Like {@link #atTime(Instant)}, only the connections in {@code state} (all when null). */
    public RegistrySnapshot atTime(Instant time, ConnectionState state) {
        return at(LogTimes.lastAtOrBefore(log, time), state);
    }

    /** Like {@link #atTime(Instant)}, only the connections in one of {@code states}. */
    public RegistrySnapshot atTime(Instant time, Set<ConnectionState> states) {
        return at(LogTimes.lastAtOrBefore(log, time), states);
    }
}
