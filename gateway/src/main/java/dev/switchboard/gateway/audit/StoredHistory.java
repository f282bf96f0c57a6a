package dev.switchboard.gateway.audit;

import dev.switchboard.audit.archive.Archive;
import dev.switchboard.audit.archive.ArchiveCache;
import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.query.history.ConnectionHistory;
import dev.switchboard.query.history.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A connection's history as the log stores it, payloads unchanged: from the event table, and from the archive when the
 * node has one, in log order, each position once (a row a crash left in both is the same row).
 */
public final class StoredHistory {

    private final ConnectionHistory live;
    private final Path archive;
    private final ArchiveCache cache = new ArchiveCache();

    /** @param archive the node's archive directory; null when it has none */
    StoredHistory(ConnectionHistory live, Path archive) {
        this.live = live;
        this.archive = archive;
    }

    /** Every event of these streams, in log order; of the archive, only the segments whose index names one are read. */
    public List<HistoryEntry> of(Collection<String> streamIds) {
        List<HistoryEntry> held = live.of(streamIds);
        if (archive == null || streamIds.isEmpty()) {
            return held;
        }
        var byPosition = new TreeMap<Long, HistoryEntry>();
        try (var rows = Archive.at(archive, cache).rowsOf(Set.copyOf(streamIds))) {
            rows.forEach(row -> byPosition.put(row.globalIndex(), entry(row)));
        }
        held.forEach(entry -> byPosition.put(entry.position(), entry));
        return new ArrayList<>(byPosition.values());
    }

    private static HistoryEntry entry(ArchivedRow row) {
        return new HistoryEntry(
                row.globalIndex(),
                Instant.parse(row.timeStamp()),
                ConnectionHistory.simpleName(row.payloadType()),
                new String(row.payload(), StandardCharsets.UTF_8));
    }
}
