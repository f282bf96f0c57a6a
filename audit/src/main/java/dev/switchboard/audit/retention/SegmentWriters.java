package dev.switchboard.audit.retention;

import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.audit.archive.SegmentWriter;
import dev.switchboard.audit.archive.VerifiedSegment;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes segments (encode, compress, sync, read back) on a few threads while the archiver reads the next rows and
 * deletes the last segment's, and hands them back in the order they were given: the archiver publishes each (its
 * manifest) and deletes its rows one segment at a time, in position order, exactly as when it wrote them itself. Segments
 * are independent files, so writing them at once changes nothing a reader or a crash can see: an unpublished segment
 * is incomplete, ignored by readers and removed by the next run, whichever thread wrote it. At most one segment per
 * thread, and one more, is held in memory ahead of the archiver.
 */
final class SegmentWriters implements AutoCloseable {

    /** A segment written and verified, with the rows it holds (their positions are deleted once it is published). */
    record Written(VerifiedSegment segment, List<ArchivedRow> rows) {}

    private final Path directory;
    private final int threads;
    private final ExecutorService pool;
    private final Deque<Future<Written>> inFlight = new ArrayDeque<>();

    SegmentWriters(Path directory, int threads) {
        this.directory = directory;
        this.threads = threads;
        var named = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "archive-writer-" + named.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(List<ArchivedRow> rows) {
        inFlight.add(pool.submit(() -> new Written(SegmentWriter.writeVerified(directory, rows), rows)));
    }

    /** Whether the archiver should take a written segment back before it gives another. */
    boolean full() {
        return inFlight.size() > threads;
    }

    boolean isEmpty() {
        return inFlight.isEmpty();
    }

    /** The oldest segment given, once written; what its writer threw, rethrown. */
    Written next() {
        Future<Written> oldest = inFlight.poll();
        try {
            return oldest.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException("an archive segment writer failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("archiving was interrupted", e);
        }
    }

    /** Stops the writers and waits for them: no segment file is written after the run that gave it has ended. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
