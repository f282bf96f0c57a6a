package dev.switchboard.gateway.feed;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Items by the user they belong to, so that a delivery for one user looks at that user's items only, however many
 * others the node holds. A user with no items has no entry. Safe for concurrent use: adding to and removing from one
 * user's set are atomic against each other, and readers see a weakly consistent view.
 */
final class UserIndex<T> {

    private final Map<String, Set<T>> byUser = new ConcurrentHashMap<>();

    void add(String userId, T item) {
        byUser.compute(userId, (user, items) -> {
            Set<T> set = items == null ? ConcurrentHashMap.newKeySet() : items;
            set.add(item);
            return set;
        });
    }

    void remove(String userId, T item) {
        byUser.computeIfPresent(userId, (user, items) -> {
            items.remove(item);
            return items.isEmpty() ? null : items;
        });
    }

    /** The user's items; empty when there are none. */
    Collection<T> of(String userId) {
        Set<T> items = byUser.get(userId);
        return items == null ? Set.of() : items;
    }

    boolean holds(String userId) {
        return byUser.containsKey(userId);
    }

    /** The users that have items now. */
    Set<String> users() {
        return byUser.keySet();
    }
}
