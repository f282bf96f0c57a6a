package dev.switchboard.audit.retention;

import dev.switchboard.audit.archive.Archive;
import dev.switchboard.audit.archive.ArchiveMarks;
import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.audit.archive.PurgeMarks;
import dev.switchboard.audit.archive.SegmentManifest;
import dev.switchboard.audit.archive.SegmentWriter;
import dev.switchboard.audit.retention.ArchiveListener.Point;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Moves what retention allows out of {@code domain_event_entry} into segments. Each segment is written, synced,
 * re-read and verified (on {@link SegmentWriters}' threads, several at once, while {@link WindowReader} reads the next
 * rows on a connection of its own), given its manifest (here, one at a time in position order), and only then are its
 * rows deleted, a small batch per transaction; a segment whose rows are all gone is marked purged. Before its first
 * row is deleted, the segment is marked in the database ({@link ArchiveMarks}), so a reader of the table alone learns
 * what it lacks and where it went. A run first finishes what a crashed one left: it removes incomplete segments (their
 * rows are still in the table) and deletes the rows of complete segments not marked purged, and marks in the database
 * any segment of the directory that is not (one archived before the marks existed). So after any crash, each position
 * is in the table, in the archive, or (until the next run) in both, with the same bytes, never in neither, and never
 * out of the table without a mark.
 */
public final class Archiver {

    private final DataSource dataSource;
    private final Path directory;
    private final ArchiveSettings settings;
    private final ArchiveListener listener;
    private LiveRowDeletes deletes;
    private final Pacing pacing;

    public Archiver(DataSource dataSource, Path directory, ArchiveSettings settings, ArchiveListener listener) {
        this.dataSource = dataSource;
        this.directory = directory;
        this.settings = settings;
        this.listener = listener;
        this.pacing = new Pacing(settings.maxEventsPerSecond());
    }

    public ArchiveResult run(RetentionCutoffs cutoffs) {
        try (Connection deleting = dataSource.getConnection()) {
            deletes = new LiveRowDeletes(deleting);
            requirePostgreSql();
            Files.createDirectories(directory);
            var tally = new Tally();
            tally.recovered = finishCrashedRun();
            tally.deleted = tally.recovered;
            if (!cutoffs.keepsEverything()) {
                archive(cutoffs, tally);
            }
            return new ArchiveResult(tally.segments, tally.archived, tally.deleted, tally.recovered);
        } catch (SQLException e) {
            throw new IllegalStateException("archiving failed on the database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the archive directory " + directory, e);
        }
    }

    private long finishCrashedRun() throws SQLException {
        Archive archive = Archive.at(directory);
        archive.removeIncomplete();
        markUnmarked(archive);
        long deleted = 0;
        for (SegmentManifest segment : archive.segments()) {
            if (!PurgeMarks.isPurged(directory, segment)) {
                List<Long> positions;
                try (Stream<ArchivedRow> rows = archive.rows(segment)) {
                    positions = rows.map(ArchivedRow::globalIndex).toList();
                }
                deleted += purge(segment, positions);
            }
        }
        return deleted;
    }

    /** Marks the segments of the directory that have no mark: the whole directory when it was archived before V11. */
    private void markUnmarked(Archive archive) throws SQLException {
        if (ArchiveMarks.count(deletes.connection()) >= archive.segments().size()) {
            return;
        }
        var marked = ArchiveMarks.files(deletes.connection());
        for (SegmentManifest segment : archive.segments()) {
            if (!marked.contains(segment.file())) {
                ArchiveMarks.mark(deletes.connection(), directory, segment);
            }
        }
    }

    /** Reads windows and hands full segments to the writers; publishes and purges each, in order, once written. */
    private void archive(RetentionCutoffs cutoffs, Tally tally) throws SQLException {
        List<ArchivedRow> pending = new ArrayList<>();
        try (Connection reading = dataSource.getConnection();
                var windows = new WindowReader(reading, cutoffs, bounds(), settings.windowPositions());
                var writers = new SegmentWriters(directory, settings.writers())) {
            for (List<ArchivedRow> window = windows.next(); window != null; window = windows.next()) {
                pending.addAll(window);
                while (pending.size() >= settings.segmentEvents()) {
                    writers.submit(new ArrayList<>(pending.subList(0, settings.segmentEvents())));
                    pending.subList(0, settings.segmentEvents()).clear();
                    while (writers.full()) {
                        publish(writers.next(), tally);
                    }
                }
            }
            if (!pending.isEmpty()) {
                writers.submit(pending);
            }
            while (!writers.isEmpty()) {
                publish(writers.next(), tally);
            }
        }
    }

    /** Writes a verified segment's manifest, then deletes its rows from the table. */
    private void publish(SegmentWriters.Written written, Tally tally) throws SQLException {
        listener.reached(Point.SEGMENT_WRITTEN);
        SegmentManifest segment = SegmentWriter.publish(written.segment());
        listener.segmentArchived(segment);
        listener.reached(Point.MANIFEST_WRITTEN);
        tally.segments++;
        tally.archived += written.rows().size();
        tally.deleted += purge(
                segment, written.rows().stream().map(ArchivedRow::globalIndex).toList());
    }

    private long purge(SegmentManifest segment, List<Long> positions) throws SQLException {
        ArchiveMarks.mark(deletes.connection(), directory, segment);
        long deleted = 0;
        for (int from = 0; from < positions.size(); from += settings.deleteBatch()) {
            List<Long> batch = positions.subList(from, Math.min(positions.size(), from + settings.deleteBatch()));
            int rows = deletes.delete(batch);
            deleted += rows;
            listener.rowsDeleted(rows);
            listener.reached(Point.BATCH_DELETED);
            pacing.after(batch.size());
        }
        PurgeMarks.markPurged(directory, segment);
        listener.reached(Point.SEGMENT_PURGED);
        return deleted;
    }

    /** The positions to look at: after the oldest row's predecessor, up to the newest row when the run starts. */
    private long[] bounds() throws SQLException {
        try (Statement statement = deletes.connection().createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT MIN(global_index) - 1, MAX(global_index) FROM domain_event_entry")) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2)};
        }
    }

    private void requirePostgreSql() throws SQLException {
        String product = deletes.connection().getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equals(product)) {
            throw new ArchiveRefusedException("archiving needs PostgreSQL; this log is in " + product
                    + " (the embedded database keeps every event: move the log to PostgreSQL to archive it)");
        }
    }

    private static final class Tally {
        int segments;
        long archived;
        long deleted;
        long recovered;
    }
}
