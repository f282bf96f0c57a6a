package dev.switchboard.query.history;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads a connection's history straight from the event log rather than from a projection, so what an engineer on call
 * replays is exactly what was appended, refusals included.
 *
 * <p>A connection's life spans two streams: its preliminary id's (every command, accepted or refused) and, once it
 * migrated, its final id's (the claim, and any refused attempt to open that id). Read together and ordered by global
 * index they interleave as they happened. Each stream is found through the event table's unique key on
 * (aggregate_identifier, sequence_number), so the read costs a few index lookups whatever the log's size.
 */
@Repository
public class ConnectionHistory {

    private final JdbcTemplate jdbc;

    ConnectionHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every event of these streams, in log order; empty for no streams or streams without events. */
    public List<HistoryEntry> of(Collection<String> streamIds) {
        if (streamIds.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(streamIds.size(), "?"));
        return jdbc.query(
                "SELECT global_index, time_stamp, payload_type, payload FROM domain_event_entry "
                        + "WHERE aggregate_identifier IN (" + placeholders + ") ORDER BY global_index",
                ConnectionHistory::entry,
                streamIds.toArray());
    }

    private static HistoryEntry entry(ResultSet row, int index) throws SQLException {
        return new HistoryEntry(
                row.getLong("global_index"),
                Instant.parse(row.getString("time_stamp")),
                simpleName(row.getString("payload_type")),
                new String(row.getBytes("payload"), StandardCharsets.UTF_8));
    }

    /** The stored type is a fully qualified class name; readers of the history know events by their simple name. */
    public static String simpleName(String payloadType) {
        int cut = Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$'));
        return payloadType.substring(cut + 1);
    }
}
