package dev.switchboard.audit.rebuild;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.query.registry.EventRef;
import dev.switchboard.query.registry.InMemoryRegistryStore;
import dev.switchboard.query.registry.JdbcRegistryStore;
import dev.switchboard.query.registry.RegistryStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuild table's store. Writes are collected per batch. A row the batch opens is completed in memory by the
 * same guarded writes ({@link InMemoryRegistryStore}) and inserted once, with the other new rows, by {@link
 * NewRowInserts} (COPY on PostgreSQL): in a log where a lifecycle takes seconds, that is nearly every row, written once
 * instead of five times. A row opened in an earlier batch gets {@link JdbcRegistryStore}'s own statements, sent as
 * JDBC batches, one round trip per statement shape and wave.
 *
 * <p>The writes are sent on a thread and a connection of their own, one transaction per flush, while the caller reads
 * the next range of the log ({@link #flush()}).
 *
 * <p>A row's writes must keep their order (each is guarded by its position), writes to different rows need not. So
 * those updates are sent in waves: the first write of every row, then the second, and so on; within a wave every
 * statement touches another row and they may be grouped by shape.
 */
final class BatchedRegistryStore implements RegistryStore, AutoCloseable {

    private final Map<String, Queue<Consumer<RegistryStore>>> writesByRow = new LinkedHashMap<>();
    private final Set<String> openedHere = new HashSet<>();
    private final StatementBatches batches;
    private final JdbcRegistryStore table;
    private final NewRowInserts inserts;
    private final TransactionTemplate writes;
    private final ExecutorService writer;
    private Future<?> inFlight;

    BatchedRegistryStore(DataSource dataSource, String table) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("registry-rebuild-writer-");
        threads.setDaemon(true); // a rebuild that fails midway must not keep the audit command's JVM alive
        this.writer = Executors.newSingleThreadExecutor(threads);
        this.writes = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.batches = new StatementBatches(dataSource);
        this.table = new JdbcRegistryStore(batches, table);
        this.inserts = new NewRowInserts(dataSource, table);
    }

    @Override
    public void opened(EventRef event, String connectionId, String nodeId, Instant at) {
        if (!writesByRow.containsKey(connectionId)) {
            openedHere.add(connectionId);
        }
        add(connectionId, store -> store.opened(event, connectionId, nodeId, at));
    }

    @Override
    public void authenticated(EventRef event, String connectionId, String userId, Instant at) {
        add(connectionId, store -> store.authenticated(event, connectionId, userId, at));
    }

    @Override
    public void migrated(EventRef event, String connectionId, String finalId) {
        add(connectionId, store -> store.migrated(event, connectionId, finalId));
    }

    @Override
    public void ready(EventRef event, String connectionId, Instant at) {
        add(connectionId, store -> store.ready(event, connectionId, at));
    }

    @Override
    public void closed(EventRef event, String connectionId, CloseReason reason, Instant at) {
        add(connectionId, store -> store.closed(event, connectionId, reason, at));
    }

    /**
     * Hands every collected write to the writer, which sends it in a transaction of its own on another connection
     * while the caller reads the next range of the log: reading and writing take turns on two connections instead of
     * one. At most one flush is in flight; a failed one fails the next flush or {@link #awaitWritten()}, and the
     * rebuild with it (the rebuild table is scratch until the switch; nothing live changes).
     */
    void flush() {
        var completed = new InMemoryRegistryStore();
        for (String connectionId : openedHere) {
            writesByRow.remove(connectionId).forEach(write -> write.accept(completed));
        }
        openedHere.clear();
        List<ConnectionView> rows = completed.rows();
        List<Map<String, List<Object[]>>> waves = new ArrayList<>();
        while (!writesByRow.isEmpty()) {
            for (Iterator<Queue<Consumer<RegistryStore>>> left =
                            writesByRow.values().iterator();
                    left.hasNext(); ) {
                Queue<Consumer<RegistryStore>> rowWrites = left.next();
                rowWrites.remove().accept(table);
                if (rowWrites.isEmpty()) {
                    left.remove();
                }
            }
            waves.add(batches.take());
        }
        awaitWritten();
        // a row's updates follow its insert: they are in this flush or a later one, and flushes run in order
        inFlight = writer.submit(() -> writes.executeWithoutResult(transaction -> {
            inserts.insert(rows);
            waves.forEach(wave -> wave.forEach(batches::send));
        }));
    }

    /** Waits until every flushed write has committed, so that the table holds them for a reader on any connection. */
    void awaitWritten() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rebuilt rows were written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure
                    ? failure
                    : new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            inFlight = null;
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }

    private void add(String connectionId, Consumer<RegistryStore> write) {
        writesByRow.computeIfAbsent(connectionId, id -> new ArrayDeque<>()).add(write);
    }

    /** Takes {@link JdbcRegistryStore}'s updates instead of running them, and runs them grouped by statement. */
    private static final class StatementBatches extends JdbcTemplate {

        private Map<String, List<Object[]>> pending = new LinkedHashMap<>();

        StatementBatches(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        public int update(String sql, Object... args) {
            pending.computeIfAbsent(sql, statement -> new ArrayList<>()).add(args);
            return 1; // the store does not read it; the batch's counts are checked by the comparison instead
        }

        /** The statements collected since the last call, by shape. */
        Map<String, List<Object[]>> take() {
            Map<String, List<Object[]>> taken = pending;
            pending = new LinkedHashMap<>();
            return taken;
        }

        void send(String sql, List<Object[]> arguments) {
            super.batchUpdate(sql, arguments);
        }
    }
}
