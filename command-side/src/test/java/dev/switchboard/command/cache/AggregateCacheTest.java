package dev.switchboard.command.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

/** The Axon cache contract the caching repository relies on: put, get, evict on rollback, and a bound. */
class AggregateCacheTest {

    private final AggregateCache cache = new AggregateCache(100);

    @Test
    void returnsWhatWasPutUntilItIsRemoved() {
        cache.put("pre_1", "aggregate");
        assertThat((String) cache.get("pre_1")).isEqualTo("aggregate");
        assertThat(cache.containsKey("pre_1")).isTrue();

        assertThat(cache.remove("pre_1")).isTrue();
        assertThat((Object) cache.get("pre_1")).isNull();
        assertThat(cache.remove("pre_1")).isFalse();
    }

    @Test
    void putIfAbsentKeepsTheFirstValue() {
        assertThat(cache.putIfAbsent("k", "first")).isTrue();
        assertThat(cache.putIfAbsent("k", "second")).isFalse();
        assertThat((String) cache.get("k")).isEqualTo("first");
        assertThat(cache.<String>computeIfAbsent("k", () -> "third")).isEqualTo("first");
        assertThat(cache.<String>computeIfAbsent("other", () -> "computed")).isEqualTo("computed");
    }

    @Test
    void computeIfPresentUpdatesOnlyPresentEntriesAndNullRemoves() {
        cache.computeIfPresent("absent", (UnaryOperator<String>) value -> value + "!");
        assertThat(cache.containsKey("absent")).isFalse();

        cache.put("k", "v");
        cache.computeIfPresent("k", (UnaryOperator<String>) value -> value + "!");
        assertThat((String) cache.get("k")).isEqualTo("v!");
        cache.computeIfPresent("k", (UnaryOperator<String>) value -> null);
        assertThat(cache.containsKey("k")).isFalse();
    }

    @Test
    void holdsNoMoreThanItsBound() {
        var small = new AggregateCache(10);
        for (int i = 0; i < 1_000; i++) {
            small.put("pre_" + i, i);
        }
        small.entries().cleanUp();
        assertThat(small.entries().estimatedSize()).isLessThanOrEqualTo(10);
    }

    @Test
    void removeAllEmptiesIt() {
        cache.put("a", 1);
        cache.put("b", 2);
        cache.removeAll();
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.containsKey("b")).isFalse();
    }

    @Test
    void refusesListenersItWouldNeverNotify() {
        assertThatThrownBy(() -> cache.registerCacheEntryListener(new Cache.EntryListenerAdapter()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
