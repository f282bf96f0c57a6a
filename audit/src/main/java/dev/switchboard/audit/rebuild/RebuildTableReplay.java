package dev.switchboard.audit.rebuild;

import dev.switchboard.api.connection.ConnectionEvent;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.RegistryEvents;
import dev.switchboard.audit.log.RegistryPayloads;
import dev.switchboard.query.registry.EventRef;
import dev.switchboard.query.registry.RegistryProjector;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replays the log into the rebuild table with the live projection's own logic, range by range, in the caller's
 * transaction. Positions are known, so every write is guarded by them and re-applying an event changes nothing.
 *
 * <p>Positions are handed out when an append starts, not when it commits, so a range read now may lack an event that
 * commits later at a lower position. Every position passed without an event is kept as a gap and read again. Applying
 * a gap's event late is safe: a connection's next event can only be appended after this one committed, so no later
 * event of the same row has been applied before it. Gaps that never fill are appends that were rolled back (a
 * refused open, a lost race).
 */
final class RebuildTableReplay {

    private final EventLog log;
    private final BatchedRegistryStore store;
    private final RegistryProjector projector;
    private final TreeSet<Long> gaps = new TreeSet<>();
    private long applied;
    private long eventsRead;
    private Set<String> touched;

    RebuildTableReplay(EventLog log, BatchedRegistryStore store) {
        this.log = log;
        this.store = store;
        this.projector = new RegistryProjector(store);
    }

    /** Applies the events after {@link #applied()} up to {@code upTo}, and notes the positions that had none. */
    void apply(long upTo) {
        long[] next = {applied + 1};
        log.scanPayloads(
                applied,
                upTo,
                RegistryEvents.TYPES,
                RegistryPayloads::read,
                (position, payload) -> {
                    addGaps(next[0], position);
                    next[0] = position + 1;
                    project(payload, position);
                },
                position -> {
                    // an event that changes no row: only its position is read, so that it is not taken for a gap
                    addGaps(next[0], position);
                    next[0] = position + 1;
                    eventsRead++;
                });
        addGaps(next[0], upTo + 1);
        store.flush();
        applied = Math.max(applied, upTo);
    }

    /**
     * Reads the gaps again and applies the events that have committed there since; then waits until everything
     * applied is written, so that the rebuild table can be compared.
     */
    void refillGaps() {
        log.scanPositions(gaps, event -> {
            gaps.remove(event.position());
            project(event.payload(), event.position());
        });
        store.flush();
        store.awaitWritten();
    }

    /** Stops the store's writer; what it had not written is lost with the run. */
    void close() {
        store.close();
    }

    /** From now on, notes the key of every row an applied event writes: {@link #touchedRows()}. */
    void noteTouchedRows() {
        touched = new HashSet<>();
    }

    /** The rows written since {@link #noteTouchedRows()}; empty before it. */
    Set<String> touchedRows() {
        return touched == null ? Set.of() : touched;
    }

    /** The newest position read; everything up to it is applied, but for the gaps. */
    long applied() {
        return applied;
    }

    long eventsRead() {
        return eventsRead;
    }

    private void addGaps(long fromInclusive, long toExclusive) {
        for (long position = fromInclusive; position < toExclusive; position++) {
            gaps.add(position);
        }
    }

    /** The replay knows every event's position, which is all a write needs of it: the event's id is not read. */
    private void project(Object payload, long position) {
        eventsRead++;
        // feed events share the log; the projector itself skips connection events that change no column
        if (payload instanceof ConnectionEvent connectionEvent) {
            if (touched != null) {
                touched.add(connectionEvent.connectionId());
            }
            projector.apply(connectionEvent, EventRef.at(null, position));
        }
    }
}
