package dev.switchboard.audit.retention;

import dev.switchboard.audit.archive.ArchivedRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Reads the archivable rows window by window on a connection and a thread of its own, one window ahead of the archiver:
 * while the archiver hands a window's segments to the writers and deletes earlier segments' rows, the next window's
 * query runs. It reads positions the archiver has not reached, so nothing it reads is being deleted.
 */
final class WindowReader implements AutoCloseable {

    private final Connection connection;
    private final RetentionCutoffs cutoffs;
    private final long upTo;
    private final int windowPositions;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread reader = new Thread(task, "archive-reader");
        reader.setDaemon(true);
        return reader;
    });
    private long after;
    private Future<List<ArchivedRow>> ahead;

    /** Reads the positions after {@code bounds[0]} up to {@code bounds[1]}. */
    WindowReader(Connection connection, RetentionCutoffs cutoffs, long[] bounds, int windowPositions) {
        this.connection = connection;
        this.cutoffs = cutoffs;
        this.after = bounds[0];
        this.upTo = bounds[1];
        this.windowPositions = windowPositions;
        this.ahead = readNext();
    }

    /** The next window's archivable rows, in position order (possibly none); null once every window is read. */
    List<ArchivedRow> next() throws SQLException {
        if (ahead == null) {
            return null;
        }
        List<ArchivedRow> rows = await(ahead);
        ahead = readNext();
        return rows;
    }

    private Future<List<ArchivedRow>> readNext() {
        if (after >= upTo) {
            return null;
        }
        long from = after;
        long to = Math.min(upTo, after + windowPositions);
        after = to;
        return thread.submit(() -> {
            List<ArchivedRow> rows = new ArrayList<>();
            ArchivableRows.read(connection, cutoffs, from, to, rows);
            return rows;
        });
    }

    private static List<ArchivedRow> await(Future<List<ArchivedRow>> window) throws SQLException {
        try {
            return window.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException cause) {
                throw cause;
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("reading archivable rows failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("archiving was interrupted", e);
        }
    }

    /** Waits for a query still running, so the connection is free when the archiver closes it. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
