package dev.switchboard.command.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.Map;

/**
 * The last seq of each user's feed that this node appended or read recently, so that a publish does not read its
 * stream's head before it appends. Bounded by entry count (a user id and a number each); a missing user costs one
 * indexed read of the stream's highest sequence number, however long the stream.
 *
 * <p>An entry may be stale: another node may have appended to the user's feed since. That is safe because the event
 * table's unique key refuses the repeated seq, and the writer then reads the head again and retries that user.
 */
public final class FeedHeads {

    private final Cache<String, Long> lastSeqs;

    FeedHeads(long maximumEntries) {
        this.lastSeqs =
                Caffeine.newBuilder().maximumSize(maximumEntries).recordStats().build();
    }

    /** The Caffeine cache underneath, for metrics (hits, misses, evictions). */
    public Cache<String, Long> entries() {
        return lastSeqs;
    }

    /** The cached last seqs among {@code users}; the others are missing from the answer. */
    Map<String, Long> known(Collection<String> users) {
        return lastSeqs.getAllPresent(users);
    }

    /** After a commit: these are the users' last seqs now. */
    void advance(Map<String, Long> committed) {
        lastSeqs.putAll(committed);
    }

    /** After a failed transaction, which may or may not have committed: read these users' heads again. */
    void forget(Collection<String> users) {
        lastSeqs.invalidateAll(users);
    }
}
