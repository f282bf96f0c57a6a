package dev.switchboard.audit.rebuild;

import dev.switchboard.api.connection.CloseReason;
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
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rebuild table's store. Writes are collected per batch. A row the batch opens is completed in memory by the
 * same guarded writes ({@link InMemoryRegistryStore}) and inserted once, with the other new rows, by {@link
 * NewRowInserts} (COPY on PostgreSQL): in a log where a lifecycle takes seconds, that is nearly every row, written once
 * instead of five times. A row opened in an earlier batch gets {@link JdbcRegistryStore}'s own statements, sent as
 * JDBC batches, one round trip per statement shape and wave.
 *
 * <p>A row's writes must keep their order (each is guarded by its position), writes to different rows need not. So
 * those updates are sent in waves: the first write of every row, then the second, and so on; within a wave every
 * statement touches another row and they may be grouped by shape.
 */
final class BatchedRegistryStore implements RegistryStore {

    private final Map<String, Queue<Consumer<RegistryStore>>> writesByRow = new LinkedHashMap<>();
    private final Set<String> openedHere = new HashSet<>();
    private final StatementBatches batches;
    private final JdbcRegistryStore table;
    private final NewRowInserts inserts;

    BatchedRegistryStore(DataSource dataSource, String table) {
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

    /** Sends every collected write, in the caller's transaction. */
    void flush() {
        var completed = new InMemoryRegistryStore();
        for (String connectionId : openedHere) {
            writesByRow.remove(connectionId).forEach(write -> write.accept(completed));
        }
        openedHere.clear();
        inserts.insert(completed.rows());
        while (!writesByRow.isEmpty()) {
            for (Iterator<Queue<Consumer<RegistryStore>>> rows = writesByRow.values().iterator(); rows.hasNext(); ) {
                Queue<Consumer<RegistryStore>> writes = rows.next();
                writes.remove().accept(table);
                if (writes.isEmpty()) {
                    rows.remove();
                }
            }
            batches.send();
        }
    }

    private void add(String connectionId, Consumer<RegistryStore> write) {
        writesByRow.computeIfAbsent(connectionId, id -> new ArrayDeque<>()).add(write);
    }

    /** Takes {@link JdbcRegistryStore}'s updates instead of running them, and runs them grouped by statement. */
    private static final class StatementBatches extends JdbcTemplate {

        private final Map<String, List<Object[]>> pending = new LinkedHashMap<>();

        StatementBatches(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        public int update(String sql, Object... args) {
            pending.computeIfAbsent(sql, statement -> new ArrayList<>()).add(args);
            return 1; // the store does not read it; the batch's counts are checked by the comparison instead
        }

        void send() {
            pending.forEach(super::batchUpdate);
            pending.clear();
        }
    }
}
