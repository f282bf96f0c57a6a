package dev.switchboard.audit.archive;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table {@code archive_mark}: one row per archive segment whose rows leave, or left, the live table. An archive run
 * writes a segment's row before it deletes the segment's first row, in a transaction of its own, so a crash can leave a
 * mark whose rows are still in the table (the next run deletes them) but never a deleted row without its mark. Unlike
 * the {@link PurgeMarks} beside the segments, these live with the log, where a reader that was not given the archive
 * finds them.
 */
public final class ArchiveMarks {

    private static final String INSERT = "INSERT INTO archive_mark (segment_file, archive_dir, from_position, "
            + "to_position, from_time, to_time, events, marked_at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP) "
            + "ON CONFLICT (segment_file) DO NOTHING";
    private static final String COLUMNS =
            "segment_file, archive_dir, from_position, to_position, from_time, to_time, events, marked_at";

    private final JdbcTemplate jdbc;
    /** Whether the table exists, once known: the command line may read a database an older version migrated. */
    private volatile Boolean inPlace;

    public ArchiveMarks(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Marks {@code segment} of {@code directory} archived, once: a recovered segment may carry its mark already. */
    public static void mark(Connection connection, Path directory, SegmentManifest segment) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, segment.file());
            statement.setString(2, directory.toString());
            statement.setLong(3, segment.fromPosition());
            statement.setLong(4, segment.toPosition());
            statement.setString(5, segment.fromTime());
            statement.setString(6, segment.toTime());
            statement.setLong(7, segment.events());
            statement.executeUpdate();
        }
    }

    /** How many segments are marked. */
    public static long count(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM archive_mark");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The file names of every marked segment. */
    public static Set<String> files(Connection connection) throws SQLException {
        Set<String> files = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT segment_file FROM archive_mark");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                files.add(rows.getString(1));
            }
        }
        return files;
    }

    /** The mark of the segment that reaches furthest into the log; empty when nothing was archived. */
    public Optional<ArchiveMark> furthest() {
        if (!inPlace()) {
            return Optional.empty();
        }
        List<ArchiveMark> furthest = jdbc.query(
                "SELECT " + COLUMNS + " FROM archive_mark ORDER BY to_position DESC LIMIT 1", (row, n) -> mark(row));
        return furthest.stream().findFirst();
    }

    /** Every mark, in position order of their first rows. */
    public List<ArchiveMark> all() {
        if (!inPlace()) {
            return List.of();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_mark ORDER BY from_position", (row, n) -> mark(row));
    }

    /**
     * Whether the database has the table (migration V11). A database only an older version migrated has no marks: it
     * was archived, if at all, before they existed, and the next archive run of this version marks its segments.
     */
    private boolean inPlace() {
        Boolean known = inPlace;
        if (known == null) {
            known = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
                try (var tables = connection.getMetaData().getTables(null, null, "archive_mark", null)) {
                    if (tables.next()) {
                        return true;
                    }
                }
                try (var tables = connection.getMetaData().getTables(null, null, "ARCHIVE_MARK", null)) {
                    return tables.next();
                }
            }));
            inPlace = known;
        }
        return known;
    }

    private static ArchiveMark mark(ResultSet row) throws SQLException {
        Timestamp markedAt = row.getTimestamp("marked_at");
        return new ArchiveMark(
                row.getString("segment_file"),
                row.getString("archive_dir"),
                row.getLong("from_position"),
                row.getLong("to_position"),
                row.getString("from_time"),
                row.getString("to_time"),
                row.getLong("events"),
                markedAt.toInstant());
    }
}
