package dev.switchboard.command.cache;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.common.caching.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The keys one cache was given during the current Spring transaction, removed from it when that transaction does not
 * commit. Axon puts an aggregate into the cache when its unit of work commits, and evicts it when that unit of work
 * rolls back; but a unit of work that joined a longer transaction (a group of commands sharing one commit) has not
 * reached the disk when it "commits". Should the longer transaction then roll back, or its commit fail, the cache
 * would hold a state the log does not, and the next command would run against it.
 */
final class EvictUnlessCommitted implements TransactionSynchronization {

    private final Cache cache;
    private final Set<Object> keys = new HashSet<>();

    private EvictUnlessCommitted(Cache cache) {
        this.cache = cache;
    }

    /** Remembers {@code key} for the current transaction, if there is one; the cache itself is the resource key. */
    static void register(Cache cache, Object key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        var pending = (EvictUnlessCommitted) TransactionSynchronizationManager.getResource(cache);
        if (pending == null) {
            pending = new EvictUnlessCommitted(cache);
            TransactionSynchronizationManager.bindResource(cache, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.keys.add(key);
    }

    /** A transaction started inside this one (REQUIRES_NEW) keeps keys of its own. */
    @Override
    public void suspend() {
        TransactionSynchronizationManager.unbindResourceIfPossible(cache);
    }

    @Override
    public void resume() {
        TransactionSynchronizationManager.bindResource(cache, this);
    }

    /** Rolled back or unknown (a commit that failed): what the transaction put in the cache may not be in the log. */
    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(cache);
        if (status != STATUS_COMMITTED) {
            keys.forEach(cache::remove);
        }
    }
}
