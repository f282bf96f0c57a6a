package dev.switchboard.query.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What events write to one registry row: the columns they set (a later event's value wins), whether the first of them
 * opens the row, and the first and last of them, whose positions guard and stamp the write.
 */
record RowWrite(String connectionId, boolean opens, EventRef first, EventRef last, Map<String, Object> columns) {

    static RowWrite opening(String connectionId, EventRef event, Map<String, Object> columns) {
        return new RowWrite(connectionId, true, event, event, columns);
    }

    static RowWrite updating(String connectionId, EventRef event, Map<String, Object> columns) {
        return new RowWrite(connectionId, false, event, event, columns);
    }

    /**
     * This write followed by {@code next}, a later event's write to the same row, as one. The same outcome as the two
     * in a row while the row's position is below this write's first event, which holds for the events of one
     * transaction: a connection's events are appended by one transaction at a time (its stream's unique key), so
     * every event committed before them has a lower position.
     */
    RowWrite then(RowWrite next) {
        Map<String, Object> merged = new LinkedHashMap<>(columns);
        merged.putAll(next.columns);
        return new RowWrite(connectionId, opens, first, next.last, merged);
    }
}
