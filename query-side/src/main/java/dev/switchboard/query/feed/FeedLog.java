package dev.switchboard.query.feed;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.FeedIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads a user's agent event feed straight from the event log, with no projection in between: the feed stream is
 * already ordered by seq, and a read can never lag what was appended. Stream position n holds seq n + 1, so every
 * read is served by the event table's unique index on (stream, sequence).
 */
@Repository
public class FeedLog {

    /**
     * The first stream position at or after a given one that still holds an event: a range of the unique key
     * (stream, sequence), whatever the archive took before it.
     */
    private static final String OLDEST_HELD = "SELECT MIN(sequence_number) FROM domain_event_entry "
            + "WHERE aggregate_identifier = ? AND sequence_number >= ?";

    /** The stream's last position: the unique key (stream, sequence)'s last entry for the stream. */
    private static final String LAST_HELD =
            "SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?";

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;

    FeedLog(EventStore eventStore, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    /**
     * At most {@code limit} of the user's events with a seq greater than {@code seq}, in seq order: a keyset page, so a
     * feed of any length is read a page at a time and never held whole. Axon fetches the stream in batches and only
     * as far as this reads.
     */
    public List<AgentEventPublished> page(String userId, long seq, int limit) {
        // Axon reads a stream in batches of positions [n, n + batch), and stops at the first that is empty: after
        // archived events that is every batch, so the read starts at the oldest position still held
        Long oldest = jdbc.queryForObject(OLDEST_HELD, Long.class, FeedIds.of(userId), Math.max(seq, 0));
        if (oldest == null) {
            return List.of();
        }
        var stream = eventStore.readEvents(FeedIds.of(userId), oldest);
        List<AgentEventPublished> events = new ArrayList<>(Math.min(limit, 512));
        while (events.size() < limit && stream.hasNext()) {
            if (stream.next().getPayload() instanceof AgentEventPublished event) {
                events.add(event);
            }
        }
        return events;
    }

    /** The user's event with this seq, when it is in the log; reads one batch, not the rest of the feed. */
    public Optional<AgentEventPublished> at(String userId, long seq) {
        if (seq < 1) {
            return Optional.empty();
        }
        var stream = eventStore.readEvents(FeedIds.of(userId), seq - 1);
        if (stream.hasNext() && stream.next().getPayload() instanceof AgentEventPublished event && event.seq() == seq) {
            return Optional.of(event);
        }
        return Optional.empty();
    }

    /**
     * The user's latest seq; 0 when the user has no events yet. One statement on its own, not in a transaction: every
     * handshake asks it, and Axon's {@code lastSequenceNumberFor}, the same query, also began and committed a
     * transaction around it (a quarter of the handshake thread's CPU, and a round trip, in BENCHMARKS.md's ninth pass).
     */
    public long head(String userId) {
        Long last = jdbc.queryForObject(LAST_HELD, Long.class, FeedIds.of(userId));
        return last == null ? 0 : last + 1;
    }
}
