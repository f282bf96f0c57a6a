package dev.switchboard.command.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * A bounded in-memory cache of event-sourced aggregates for Axon's caching repository, so a command on an aggregate
 * this node touched recently skips reading its stream (and the snapshot table) before it appends.
 *
 * <p>A cached aggregate can be stale: another node may have appended to its stream since. That is safe because every
 * command handler either appends an event or changes nothing, and an append on a stale aggregate repeats a sequence
 * number the event table already holds. The store refuses it, Axon rolls the unit of work back and evicts the entry,
 * and the caller's conflict retry reloads the aggregate from the log.
 *
 * <p>An entry written inside a Spring transaction is removed again unless that transaction commits
 * ({@link EvictUnlessCommitted}), so the cache never holds a state that was rolled back with the transaction around
 * several units of work.
 *
 * <p>Backed by Caffeine: bounded by entry count, least recently and least frequently used entries go first.
 */
public final class AggregateCache implements Cache {

    /** The bean name of the connections' cache, as {@code @Aggregate(cache = ...)} names it. */
    public static final String CONNECTIONS = "connectionAggregateCache";

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

    public AggregateCache(long maximumEntries) {
        this.entries =
                Caffeine.newBuilder().maximumSize(maximumEntries).recordStats().build();
    }

    /** The Caffeine cache underneath, for metrics (hits, misses, evictions). */
    public com.github.benmanes.caffeine.cache.Cache<Object, Object> entries() {
        return entries;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
        EvictUnlessCommitted.register(this, key);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        EvictUnlessCommitted.register(this, key);
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        EvictUnlessCommitted.register(this, key);
        return (T) entries.get(key, absent -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        EvictUnlessCommitted.register(this, key);
        entries.asMap().computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    /** The repositories never listen; a caller that does would expect events this cache does not send. */
    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("AggregateCache does not notify entry listeners");
    }
}
