package dev.switchboard.audit.timeline;

import java.util.List;
import java.util.Optional;

/**
 * The registry as it stood right after the event at {@code position}: every connection opened by then, in the order
 * they were opened, closed ones included (as in the live table).
 */
public record RegistrySnapshot(long position, List<RegistryRow> connections) {

    /** The connection with this preliminary or final id. */
    public Optional<RegistryRow> find(String id) {
        return connections.stream()
                .filter(row -> id.equals(row.preliminaryId()) || id.equals(row.connectionId()))
                .findFirst();
    }
}
