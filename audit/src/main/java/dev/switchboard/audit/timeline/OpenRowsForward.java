package dev.switchboard.audit.timeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open rows of a full checkpoint brought forward by the checkpoints after it, in the order the connections were
 * opened. Only the later checkpoints' rows go into a map: they are a few hundred each where the full one holds every
 * open row, which is then read through once instead of copied into a map of its own.
 */
final class OpenRowsForward {

    private List<CheckpointRow> full = List.of();
    private final Map<String, CheckpointRow> changed = new LinkedHashMap<>();
    private final Set<String> closed = new HashSet<>();

    /** The full checkpoint's open rows, in the order the connections were opened. */
    void full(List<CheckpointRow> rows) {
        full = rows;
    }

    /** A later checkpoint: the open rows that changed since the one before, then the ids of the rows that closed. */
    void changed(List<CheckpointRow> rows, List<String> closedIds) {
        rows.forEach(row -> changed.put(row.row().preliminaryId(), row));
        closedIds.forEach(id -> {
            changed.remove(id);
            closed.add(id);
        });
    }

    /**
     * The rows open at the last checkpoint given: the full one's not closed since, each as last changed, then those
     * opened since (a map keeps the order of first insertion: the checkpoint a row first appears in is the one it was
     * opened in).
     */
    List<CheckpointRow> rows() {
        Map<String, CheckpointRow> later = new LinkedHashMap<>(changed);
        List<CheckpointRow> rows = new ArrayList<>(full.size() + later.size());
        for (CheckpointRow row : full) {
            String id = row.row().preliminaryId();
            if (!closed.contains(id)) {
                CheckpointRow newer = later.remove(id);
                rows.add(newer == null ? row : newer);
            }
        }
        rows.addAll(later.values());
        return rows;
    }
}
