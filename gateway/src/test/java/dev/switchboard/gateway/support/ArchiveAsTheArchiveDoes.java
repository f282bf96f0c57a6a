package dev.switchboard.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.audit.archive.ArchiveMarks;
import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.audit.archive.SegmentWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves rows of this run's event table into a real archive, with the format's own writer: the whole history of a
 * connection (both ids) and a user's feed up to a seq, in two segments, then deletes them from the table but the last,
 * as a crash right after its segment's manifest leaves it; or whole streams, a segment per group of them. Each segment
 * is marked in {@code archive_mark} before its rows are deleted, as an archive run marks it; {@link #restore} undoes
 * both.
 */
public final class ArchiveAsTheArchiveDoes {

    private ArchiveAsTheArchiveDoes() {}

    /** @return the archived rows, in log order; the last one is in the table too */
    public static List<ArchivedRow> archive(
            Path directory, String connectionId, String finalId, String user, long upToSeq) throws SQLException {
        List<ArchivedRow> rows;
        try (Connection connection = TestDatabase.shared().connect()) {
            rows = select(
                    connection,
                    "aggregate_identifier IN (?, ?) OR (aggregate_identifier = ? AND sequence_number < ?)",
                    connectionId,
                    finalId,
                    FeedIds.of(user),
                    upToSeq);
            assertThat(rows).hasSizeGreaterThan(4);
            ArchiveMarks.mark(connection, directory, SegmentWriter.write(directory, rows.subList(0, rows.size() / 2)));
            ArchiveMarks.mark(
                    connection, directory, SegmentWriter.write(directory, rows.subList(rows.size() / 2, rows.size())));
            delete(connection, rows.subList(0, rows.size() - 1));
        }
        return rows;
    }

    /**
     * Archives the whole streams of each group as a segment of its own, and deletes them all from the table.
     *
     * @return the archived rows
     */
    public static List<ArchivedRow> archiveEach(Path directory, List<List<String>> streamsPerSegment)
            throws SQLException {
        List<ArchivedRow> all = new ArrayList<>();
        try (Connection connection = TestDatabase.shared().connect()) {
            for (List<String> streams : streamsPerSegment) {
                List<ArchivedRow> rows = select(
                        connection,
                        "aggregate_identifier = ANY (?)",
                        connection.createArrayOf("text", streams.toArray()));
                assertThat(rows).as("the rows of %s", streams).isNotEmpty();
                ArchiveMarks.mark(connection, directory, SegmentWriter.write(directory, rows));
                all.addAll(rows);
            }
            delete(connection, all);
        }
        return all;
    }

    private static List<ArchivedRow> select(Connection connection, String where, Object... arguments)
            throws SQLException {
        List<ArchivedRow> rows = new ArrayList<>();
        try (var select = connection.prepareStatement(
                "SELECT * FROM domain_event_entry WHERE " + where + " ORDER BY global_index")) {
            for (int i = 0; i < arguments.length; i++) {
                select.setObject(i + 1, arguments[i]);
            }
            try (var result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new ArchivedRow(
                            result.getLong("global_index"),
                            result.getString("aggregate_identifier"),
                            result.getLong("sequence_number"),
                            result.getString("type"),
                            result.getString("event_identifier"),
                            result.getBytes("meta_data"),
                            result.getBytes("payload"),
                            result.getString("payload_revision"),
                            result.getString("payload_type"),
                            result.getString("time_stamp")));
                }
            }
        }
        return rows;
    }

    private static void delete(Connection connection, List<ArchivedRow> rows) throws SQLException {
        try (var delete = connection.prepareStatement("DELETE FROM domain_event_entry WHERE global_index = ?")) {
            for (ArchivedRow row : rows) {
                delete.setLong(1, row.globalIndex());
                assertThat(delete.executeUpdate()).isOne();
            }
        }
    }

    /**
     * Puts archived rows back into the table, as they were, and removes the marks of their segments: the suite shares
     * one database, and a later test that rebuilds or verifies the registry from the table alone must find the log
     * whole.
     */
    public static void restore(List<ArchivedRow> rows) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
                var unmark = connection.prepareStatement(
                        "DELETE FROM archive_mark WHERE from_position >= ? AND to_position <= ?")) {
            unmark.setLong(
                    1, rows.stream().mapToLong(ArchivedRow::globalIndex).min().orElseThrow());
            unmark.setLong(
                    2, rows.stream().mapToLong(ArchivedRow::globalIndex).max().orElseThrow());
            unmark.executeUpdate();
        }
        try (Connection connection = TestDatabase.shared().connect();
                var insert = connection.prepareStatement("INSERT INTO domain_event_entry (global_index, "
                        + "aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, "
                        + "payload_revision, payload_type, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (global_index) DO NOTHING")) {
            for (ArchivedRow row : rows) {
                insert.setLong(1, row.globalIndex());
                insert.setString(2, row.aggregateIdentifier());
                insert.setLong(3, row.sequenceNumber());
                insert.setString(4, row.type());
                insert.setString(5, row.eventIdentifier());
                insert.setBytes(6, row.metaData());
                insert.setBytes(7, row.payload());
                insert.setString(8, row.payloadRevision());
                insert.setString(9, row.payloadType());
                insert.setString(10, row.timeStamp());
                insert.executeUpdate();
            }
        }
    }
}
