package dev.switchboard.gateway.connection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the raw event table, as an auditor with psql would. */
final class EventLog {

    record Row(long position, String aggregateId, long sequence, String type, String revision, String json) {

        String simpleType() {
            return type.substring(type.lastIndexOf('.') + 1);
        }
    }

    private EventLog() {}

    /** Every event of the given streams, in log order. */
    static List<Row> of(JdbcTemplate jdbc, String... aggregateIds) {
        String placeholders = String.join(",", java.util.Collections.nCopies(aggregateIds.length, "?"));
        return jdbc.query(
                "SELECT global_index, aggregate_identifier, sequence_number, payload_type, payload_revision, "
                        + "payload FROM domain_event_entry WHERE aggregate_identifier IN (" + placeholders + ") "
                        + "ORDER BY global_index",
                (row, i) -> new Row(
                        row.getLong(1),
                        row.getString(2),
                        row.getLong(3),
                        row.getString(4),
                        row.getString(5),
                        new String(row.getBytes(6), StandardCharsets.UTF_8)),
                (Object[]) aggregateIds);
    }

    static List<String> types(JdbcTemplate jdbc, String... aggregateIds) {
        return of(jdbc, aggregateIds).stream().map(Row::simpleType).toList();
    }
}
