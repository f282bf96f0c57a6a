package dev.switchboard.command.feed;

import static java.util.Collections.nCopies;

import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.FeedIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * The feed's SQL. An event row is what Axon's {@code JdbcEventStorageEngine} writes for the same message, column for
 * column (its statement builder, {@code JdbcEventStorageEngineStatements.appendEvents}), in the node's event
 * serializer, so every reader of the log reads it unchanged.
 */
final class FeedRows {

    /** Users per head query and keys per key query: one round trip each, a statement the server can still plan fast. */
    private static final int CHUNK = 64;

    private static final String INSERT_EVENT =
            "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, "
                    + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_KEY =
            "INSERT INTO feed_idempotency_key (user_id, idempotency_key, seq, body_sha256) VALUES (?, ?, ?, ?)";
    /** MAX over the unique key's leading column: the server reads the index's last entry for the stream, no more. */
    static final String LAST_SEQUENCE = "SELECT CAST(? AS VARCHAR(255)) AS user_id, (SELECT MAX(sequence_number) "
            + "FROM domain_event_entry WHERE aggregate_identifier = ?) AS last_sequence";

    /**
     * A key outlives its event in the table: retention moves old feed events to the archive and keeps the keys, so a
     * publisher's retry still gets its seq (LEFT JOIN) instead of colliding with the key on every attempt.
     */
    private static final String STORED_EVENTS = "SELECT k.idempotency_key, k.seq, k.body_sha256, e.payload_type, "
            + "e.payload_revision, e.payload FROM feed_idempotency_key k LEFT JOIN domain_event_entry e "
            + "ON e.aggregate_identifier = ? AND e.sequence_number = k.seq - 1 "
            + "WHERE k.user_id = ? AND k.idempotency_key IN (";

    private final Serializer serializer;
    private final FeedPayloads payloads;

    FeedRows(Serializer serializer, FeedPayloads payloads) {
        this.serializer = serializer;
        this.payloads = payloads;
    }

    /** The users' last seqs, 0 for a user with no events. */
    Map<String, Long> lastSeqs(Connection connection, Collection<String> users) throws SQLException {
        Map<String, Long> lastSeqs = new HashMap<>();
        List<String> all = new ArrayList<>(users);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String sql = String.join(" UNION ALL ", nCopies(chunk.size(), LAST_SEQUENCE));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int parameter = 0;
                for (String user : chunk) {
                    statement.setString(++parameter, user);
                    statement.setString(++parameter, FeedIds.of(user));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String user = rows.getString("user_id");
                        long lastSequence = rows.getLong("last_sequence");
                        lastSeqs.put(user, rows.wasNull() ? 0 : lastSequence + 1);
                    }
                }
            }
        }
        return lastSeqs;
    }

    void insertEvents(Connection connection, List<FeedSlot> slots) throws SQLException {
        if (slots.isEmpty()) {
            return;
        }
        Instant formattedTime = null;
        String timeStamp = null;
        byte[] payloadTime = null;
        SerializedType type = payloads.type();
        try (PreparedStatement statement = connection.prepareStatement(INSERT_EVENT)) {
            for (FeedSlot slot : slots) {
                AgentEventPublished event = slot.event();
                if (!event.at().equals(formattedTime)) {
                    formattedTime = event.at();
                    timeStamp = DateTimeUtils.formatInstant(formattedTime);
                    payloadTime = payloads.time(formattedTime);
                }
                statement.setString(1, slot.eventId());
                statement.setString(2, FeedIds.of(event.userId()));
                statement.setLong(3, event.seq() - 1);
                statement.setString(4, FeedSlot.STREAM_TYPE);
                statement.setString(5, timeStamp);
                statement.setString(6, type.getName());
                statement.setString(7, type.getRevision());
                statement.setBytes(8, FeedPayloads.payload(slot.payload(), event.seq(), payloadTime));
                statement.setBytes(9, slot.payload().metaData());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    void insertKeys(Connection connection, List<FeedSlot> keyed) throws SQLException {
        if (keyed.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_KEY)) {
            for (FeedSlot slot : keyed) {
                statement.setString(1, slot.userId());
                statement.setString(2, slot.idempotencyKey());
                statement.setLong(3, slot.event().seq());
                statement.setBytes(4, slot.fingerprint());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The events of the log that some of the user's {@code keys} stand for, by key: each read by primary key. */
    Map<String, KeyedEvent> storedEvents(Connection connection, String user, Collection<String> keys)
            throws SQLException {
        Map<String, KeyedEvent> stored = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String sql = STORED_EVENTS + String.join(", ", nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, FeedIds.of(user));
                statement.setString(2, user);
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(3 + i, chunk.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String key = rows.getString("idempotency_key");
                        byte[] payload = rows.getBytes("payload");
                        AgentEventPublished event = payload == null
                                ? archived(user, rows.getLong("seq"), key)
                                : serializer.deserialize(new SimpleSerializedObject<>(
                                        payload,
                                        byte[].class,
                                        rows.getString("payload_type"),
                                        rows.getString("payload_revision")));
                        stored.put(key, new KeyedEvent(event, rows.getBytes("body_sha256")));
                    }
                }
            }
        }
        return stored;
    }

    /**
     * What a retry of an archived event is answered with: its seq, which is all a publisher is told of an event (the
     * archive holds the rest); a replayed event is never delivered again.
     */
    private static AgentEventPublished archived(String user, long seq, String key) {
        return new AgentEventPublished(user, seq, null, null, Map.of(), key, null);
    }
}
