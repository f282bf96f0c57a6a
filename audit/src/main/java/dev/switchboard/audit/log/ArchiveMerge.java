package dev.switchboard.audit.log;

import dev.switchboard.audit.archive.ArchivedRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Merges an archive's rows into a scan of the live table by position, each position once: a crash between a
 * segment's manifest and the delete of its rows leaves the same row in both, and the live one is taken. The archive is
 * opened only once the live query runs, after its statement's snapshot: a row the archive deletes later is still in
 * that snapshot, and one deleted before it has a manifest that was written before the delete, so none falls between.
 * Every live query merged here has the position as its first column and is ordered by it.
 */
final class ArchiveMerge implements RowCallbackHandler, AutoCloseable {

    private final Supplier<Stream<ArchivedRow>> archived;
    private final RowCallbackHandler live;
    private final Consumer<ArchivedRow> onArchived;
    private Stream<ArchivedRow> stream;
    private Iterator<ArchivedRow> rows;
    private ArchivedRow next;

    ArchiveMerge(Supplier<Stream<ArchivedRow>> archived, RowCallbackHandler live, Consumer<ArchivedRow> onArchived) {
        this.archived = archived;
        this.live = live;
        this.onArchived = onArchived;
    }

    @Override
    public void processRow(ResultSet row) throws SQLException {
        passArchivedUpTo(row.getLong(1));
        live.processRow(row);
    }

    /** Passes on the archived rows after the last live one; call once the live query has ended. */
    void finish() {
        passArchivedUpTo(Long.MAX_VALUE);
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }

    private void passArchivedUpTo(long livePosition) {
        if (rows == null) {
            stream = archived.get();
            rows = stream.iterator();
            next = rows.hasNext() ? rows.next() : null;
        }
        while (next != null && next.globalIndex() <= livePosition) {
            if (next.globalIndex() < livePosition) {
                onArchived.accept(next);
            }
            next = rows.hasNext() ? rows.next() : null;
        }
    }
}
