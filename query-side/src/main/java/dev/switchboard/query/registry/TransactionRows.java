package dev.switchboard.query.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The live registry's writes in one transaction, held until it commits and then sent as one statement per row: a
 * handshake's opened, authenticated, migrated and ready (one transaction, see the command side's group) cost one
 * insert instead of an insert and three updates, each of which also looked its event's position up. The statements
 * still run inside the transaction, just before its commit, after the events they come from were appended; a failed
 * one fails the commit, so the registry and the log still commit together or not at all.
 */
final class TransactionRows implements TransactionSynchronization {

    private final JdbcRegistryStore table;
    private final Map<String, RowWrite> rows = new LinkedHashMap<>();

    private TransactionRows(JdbcRegistryStore table) {
        this.table = table;
    }

    /**
     * Holds the write for the current transaction's commit.
     *
     * @return false outside a transaction: the caller writes it now
     */
    static boolean hold(JdbcRegistryStore table, RowWrite write) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return false;
        }
        var pending = (TransactionRows) TransactionSynchronizationManager.getResource(table);
        if (pending == null) {
            pending = new TransactionRows(table);
            TransactionSynchronizationManager.bindResource(table, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.add(write);
        return true;
    }

    private void add(RowWrite write) {
        RowWrite held = rows.get(write.connectionId());
        if (held == null) {
            rows.put(write.connectionId(), write);
        } else if (write.opens()) {
            // an insert cannot follow writes to its own row; were it to, they keep their order
            table.execute(held);
            rows.put(write.connectionId(), write);
        } else {
            rows.put(write.connectionId(), held.then(write));
        }
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        rows.values().forEach(table::execute);
        rows.clear();
    }

    /** A transaction started inside this one (REQUIRES_NEW) holds writes of its own. */
    @Override
    public void suspend() {
        TransactionSynchronizationManager.unbindResourceIfPossible(table);
    }

    @Override
    public void resume() {
        TransactionSynchronizationManager.bindResource(table, this);
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(table);
    }
}
