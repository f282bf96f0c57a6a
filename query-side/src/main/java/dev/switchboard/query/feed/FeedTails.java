package dev.switchboard.query.feed;

import static java.util.Collections.nCopies;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.FeedIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The newest events of many users' feeds in one round trip: what a node that heard another node's announcements
 * reads, once per turn, for every user it holds a socket of that is behind, instead of one read per user and socket.
 * Each user's part is its own keyset range on the event table's unique index (stream, sequence), so the read costs
 * what it returns, whatever the feeds' lengths.
 *
 * <p>It reads rows directly, without the event store's upcasters: a row of another revision than the one this node
 * reads (an upcaster's job) is not decoded here; its user is left out of the answer, and the caller reads that user
 * through {@link FeedLog}, which upcasts.
 */
@Repository
public class FeedTails {

    /** Users per statement: one round trip, a statement the server still plans fast. */
    private static final int USERS_PER_READ = 64;

    private static final String RANGE = "(SELECT CAST(? AS VARCHAR(255)) AS user_id, payload_type, payload_revision, "
            + "payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number >= ? "
            + "ORDER BY sequence_number LIMIT ?)";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final SerializedType current;

    FeedTails(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.current = serializer.typeForClass(AgentEventPublished.class);
    }

    /**
     * For each user, at most {@code limit} of its events with a seq greater than the one given, in seq order. A user
     * whose events after that seq are not yet in the log maps to an empty list; a user left out of the answer must be
     * read through {@link FeedLog} (a row of another revision).
     */
    public Map<String, List<AgentEventPublished>> after(Map<String, Long> seqs, int limit) {
        Map<String, List<AgentEventPublished>> tails = new HashMap<>();
        Map<String, Boolean> decodable = new HashMap<>();
        List<String> users = new ArrayList<>(seqs.keySet());
        for (int from = 0; from < users.size(); from += USERS_PER_READ) {
            List<String> chunk = users.subList(from, Math.min(users.size(), from + USERS_PER_READ));
            List<Object> parameters = new ArrayList<>(chunk.size() * 4);
            for (String user : chunk) {
                parameters.add(user);
                parameters.add(FeedIds.of(user));
                parameters.add(Math.max(0, seqs.get(user)));
                parameters.add(limit);
                tails.put(user, new ArrayList<>());
                decodable.put(user, true);
            }
            jdbc.query(
                    String.join(" UNION ALL ", nCopies(chunk.size(), RANGE)),
                    row -> {
                        String user = row.getString("user_id");
                        String type = row.getString("payload_type");
                        String revision = row.getString("payload_revision");
                        if (!current.getName().equals(type) || !equalRevisions(current.getRevision(), revision)) {
                            decodable.put(user, false);
                            return;
                        }
                        Object payload = serializer.deserialize(
                                new SimpleSerializedObject<>(row.getBytes("payload"), byte[].class, type, revision));
                        tails.get(user).add((AgentEventPublished) payload);
                    },
                    parameters.toArray());
        }
        decodable.forEach((user, ok) -> {
            if (!ok) {
                tails.remove(user);
            }
        });
        return tails;
    }

    private static boolean equalRevisions(String expected, String stored) {
        return expected == null ? stored == null : expected.equals(stored);
    }
}
