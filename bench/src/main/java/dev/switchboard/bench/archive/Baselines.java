package dev.switchboard.bench.archive;

import dev.switchboard.audit.archive.ArchivedRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/** What the archive is held to, on the same rows: PostgreSQL's COPY TO, and a plain DELETE in the same batches. */
final class Baselines {

    private static final String MARKED = "archive_bench_rows";

    private Baselines() {}

    /** Puts the archived rows back at their positions, and marks them, so the baselines read and delete them. */
    static void putBack(Connection connection, List<ArchivedRow> rows) throws SQLException, IOException {
        var text = new StringBuilder();
        var marks = new StringBuilder();
        for (ArchivedRow row : rows) {
            text.append(row.globalIndex())
                    .append('\t')
                    .append(row.aggregateIdentifier())
                    .append('\t')
                    .append(row.sequenceNumber())
                    .append('\t')
                    .append(nullable(row.type()))
                    .append('\t')
                    .append(row.eventIdentifier())
                    .append('\t')
                    .append(bytes(row.metaData()))
                    .append('\t')
                    .append(bytes(row.payload()))
                    .append('\t')
                    .append(nullable(row.payloadRevision()))
                    .append('\t')
                    .append(row.payloadType())
                    .append('\t')
                    .append(row.timeStamp())
                    .append('\n');
            marks.append(row.globalIndex()).append('\n');
        }
        var copy = ArchiveBench.pg(connection).getCopyAPI();
        copy.copyIn(
                "COPY domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_revision, payload_type, time_stamp) FROM STDIN",
                new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        ArchiveBench.execute(connection, "CREATE TABLE " + MARKED + " (global_index BIGINT PRIMARY KEY)");
        copy.copyIn(
                "COPY " + MARKED + " FROM STDIN",
                new ByteArrayInputStream(marks.toString().getBytes(StandardCharsets.UTF_8)));
        ArchiveBench.execute(connection, "VACUUM ANALYZE domain_event_entry");
        ArchiveBench.execute(connection, "ANALYZE " + MARKED);
    }

    /** The fastest of {@code runs} {@code COPY (SELECT every column of the rows) TO STDOUT}, in seconds. */
    static double copyOut(Connection connection, int runs) throws SQLException, IOException {
        var copy = ArchiveBench.pg(connection).getCopyAPI();
        double best = Double.MAX_VALUE;
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            copy.copyOut(
                    "COPY (SELECT e.* FROM domain_event_entry e JOIN " + MARKED + " m USING (global_index) "
                            + "ORDER BY e.global_index) TO STDOUT",
                    new ArchiveBench.Discard());
            best = Math.min(best, (System.nanoTime() - started) / 1e9);
        }
        return best;
    }

    /** Deletes the rows by primary key, {@code batch} per transaction, in auto-commit; seconds taken. */
    static double batchedDelete(Connection connection, List<ArchivedRow> rows, int batch) throws SQLException {
        connection.setAutoCommit(true);
        long started = System.nanoTime();
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM domain_event_entry WHERE global_index = ANY(?)")) {
            for (int from = 0; from < rows.size(); from += batch) {
                Long[] positions = rows.subList(from, Math.min(rows.size(), from + batch)).stream()
                        .map(ArchivedRow::globalIndex)
                        .toArray(Long[]::new);
                Array array = connection.createArrayOf("bigint", positions);
                delete.setArray(1, array);
                delete.executeUpdate();
                array.free();
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static String nullable(String value) {
        return value == null ? "\\N" : value;
    }

    private static String bytes(byte[] value) {
        return value == null ? "\\N" : "\\\\x" + HexFormat.of().formatHex(value);
    }
}
