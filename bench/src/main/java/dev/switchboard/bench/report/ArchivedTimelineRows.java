package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One closed connection's timeline with the log archived (read through the segments' stream indexes), next to the same
 * timelines with the log in the table, per log size (target: at most 20 ms, issue 14).
 */
final class ArchivedTimelineRows {

    private ArchivedTimelineRows() {}

    static void add(Table.Row row, JsonNode archivedTimeline) {
        for (JsonNode size : archivedTimeline.get("sizes")) {
            JsonNode archived = size.get("archived");
            JsonNode table = size.get("tableOnly");
            double p99 = archived.get("p99Millis").asDouble();
            row.add(
                    "timeline of one connection p99 ms, " + size.get("archivedEvents") + " of "
                            + size.get("events") + " events archived in " + size.get("segments")
                            + " segments (p50 "
                            + Table.fmt(archived.get("p50Millis").asDouble())
                            + " ms; the first, reading every index, "
                            + Table.fmt(archived.get("firstMillis").asDouble()) + " ms)",
                    Table.fmt(p99),
                    "the same timelines, nothing archived, p99 ms (p50 "
                            + Table.fmt(table.get("p50Millis").asDouble()) + " ms)",
                    Table.fmt(table.get("p99Millis").asDouble()),
                    p99 / table.get("p99Millis").asDouble(),
                    "≤ 20 ms",
                    p99 <= 20);
        }
    }
}
