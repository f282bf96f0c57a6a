package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The archive command on a generated log: its write phase next to COPY TO of the same rows (target: at least half its
 * rate), its delete phase next to a plain batched DELETE of the same rows, and bytes on disk per feed event and per
 * lifecycle, table plus indexes, with what a segment takes for the same events.
 */
final class ArchiveRows {

    private ArchiveRows() {}

    static void add(Table.Row row, JsonNode archive) {
        double rows = archive.get("archivedRows").asDouble();
        double writeRate = rows / archive.get("archiveWriteSeconds").asDouble();
        double copyRate = rows / archive.get("copyToSeconds").asDouble();
        String of = " of " + Table.fmt(rows) + " rows of a " + archive.get("events") + "-event log";
        row.add(
                "archive write (find, segment, sync, verify), events/s" + of,
                Table.fmt(writeRate),
                "COPY (SELECT the same rows) TO STDOUT, events/s",
                Table.fmt(copyRate),
                writeRate / copyRate,
                "≥ 0.5",
                writeRate / copyRate >= 0.5);
        double deleteRate = rows / archive.get("archiveDeleteSeconds").asDouble();
        double plainRate = rows / archive.get("plainDeleteSeconds").asDouble();
        row.add(
                "archive delete (batches of 500, one transaction each), events/s" + of,
                Table.fmt(deleteRate),
                "plain DELETE of the same rows in the same batches, events/s",
                Table.fmt(plainRate),
                deleteRate / plainRate,
                "—",
                null);
        double segment = archive.get("segmentBytes").asDouble() / rows;
        for (String[] figure : new String[][] {
            {"bytesPerFeedEvent", "bytes on disk per feed event (event table and its indexes)"},
            {"bytesPerLifecycleEvents", "bytes on disk per lifecycle, its event rows (table and indexes)"},
            {"bytesPerLifecycleRegistryRow", "bytes on disk per lifecycle, its registry row (table and indexes)"}
        }) {
            row.add(figure[1], Table.fmt(archive.get(figure[0]).asDouble()), "—", "—", Double.NaN, "—", null);
        }
        row.add(
                "bytes per archived event in a segment (zstd frames, format 3)",
                Table.fmt(segment),
                "—",
                "—",
                Double.NaN,
                "—",
                null);
    }
}
