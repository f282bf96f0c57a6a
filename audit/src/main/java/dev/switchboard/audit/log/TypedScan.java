package dev.switchboard.audit.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A scan that reads the payloads of some event types only. Metadata is never read: no reader of a {@link LoggedEvent}
 * sees it, and its JSON is a fifth of a row. Types are matched on the stored payload type, which an upcaster never
 * renames in this log (it only adds fields), so a type's older revisions are read and upcast too.
 *
 * <p>An event stored at its type's current revision is read by the log's own mapper straight into the type, which is
 * what Axon's serializer ends up doing for it once no upcaster applies, without building an upcasting stream and a
 * message per event: that machinery was four fifths of a replay's CPU. Older revisions go through Axon's chain.
 */
final class TypedScan {

    private static final String COLUMNS = "global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision";
    private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);

    private static final ObjectMapper JSON = EventLogFormat.objectMapper();

    private final List<String> types;
    private final List<Class<?>> classes;
    private final List<String> revisions = new ArrayList<>();
    private final Map<String, Class<?>> currentRevisions = new HashMap<>();
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    TypedScan(Collection<Class<?>> types, Serializer serializer, EventUpcaster upcasters) {
        this.types = types.stream().map(Class::getName).toList();
        this.classes = List.copyOf(types);
        for (Class<?> type : types) {
            Revision revision = type.getAnnotation(Revision.class);
            revisions.add(revision == null ? null : revision.value());
            currentRevisions.put(type.getName() + "@" + (revision == null ? null : revision.value()), type);
        }
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /** Whether rows stored with this payload type are among the types read. */
    boolean selects(String payloadType) {
        return types.contains(payloadType);
    }

    /** Only the rows of the types; the others never leave the database. */
    String onlyTypesSql() {
        return "SELECT " + COLUMNS + ", payload FROM domain_event_entry WHERE payload_type IN (" + placeholders()
                + ") AND global_index > ? AND global_index <= ? ORDER BY global_index";
    }

    /** Every row, the payload only for the types (null for the others). */
    String allPositionsSql() {
        return "SELECT " + COLUMNS + ", CASE WHEN payload_type IN (" + placeholders() + ") THEN payload END AS payload "
                + "FROM domain_event_entry WHERE global_index > ? AND global_index <= ? ORDER BY global_index";
    }

    /**
     * Every row's position and, for the types, a kind and the payload: kind {@code i} when stored at the current
     * revision of {@code types[i]}, -1 when older, and then with the columns an upcast needs too (null otherwise:
     * a replay that knows positions needs no ids, times or stream of an event). The kind is worked out once per row
     * (the {@code OFFSET 0} keeps the subquery from being folded into the outer one).
     */
    String payloadsSql() {
        var kind = new StringBuilder("CASE");
        for (int i = 0; i < types.size(); i++) {
            String revision = revisions.get(i);
            kind.append(" WHEN payload_type = ? AND payload_revision ")
                    .append(revision == null ? "IS NULL" : "= '" + revision.replace("'", "''") + "'")
                    .append(" THEN ")
                    .append(i);
        }
        kind.append(" WHEN payload_type IN (").append(placeholders()).append(") THEN -1 END");
        var older = new StringBuilder();
        for (String column : List.of(
                "type",
                "aggregate_identifier",
                "sequence_number",
                "event_identifier",
                "time_stamp",
                "payload_type",
                "payload_revision")) {
            older.append(", CASE WHEN kind = -1 THEN ")
                    .append(column)
                    .append(" END AS ")
                    .append(column);
        }
        return "SELECT global_index, kind, CASE WHEN kind IS NOT NULL THEN payload END AS payload" + older
                + " FROM (SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, "
                + "time_stamp, payload_type, payload_revision, payload, " + kind + " AS kind FROM domain_event_entry "
                + "WHERE global_index > ? AND global_index <= ? ORDER BY global_index OFFSET 0) e "
                + "ORDER BY global_index";
    }

    Object[] payloadsArguments(long afterPosition, long upToPosition) {
        List<Object> arguments = new ArrayList<>(types);
        arguments.addAll(types);
        arguments.add(afterPosition);
        arguments.add(upToPosition);
        return arguments.toArray();
    }

    /** The rows of {@link #payloadsSql()}: a current revision read by {@code reader}, an older one upcast. */
    RowCallbackHandler payloads(EventLog.PayloadReader reader, EventLog.PayloadConsumer consumer, LongConsumer others) {
        return result -> {
            long position = result.getLong(1);
            int kind = result.getInt(2);
            if (result.wasNull()) {
                others.accept(position);
                return;
            }
            byte[] payload = result.getBytes(3);
            if (kind >= 0) {
                try {
                    consumer.accept(position, reader.read(classes.get(kind), payload));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read a " + types.get(kind) + " from the log", e);
                }
                return;
            }
            EventLog.decode(
                    entry(result, position, payload),
                    serializer,
                    upcasters,
                    event -> consumer.accept(position, event.payload()));
        };
    }

    Object[] arguments(long afterPosition, long upToPosition) {
        List<Object> arguments = new ArrayList<>(types);
        arguments.add(afterPosition);
        arguments.add(upToPosition);
        return arguments.toArray();
    }

    /** @param others where rows without a payload go, by position; null when the SQL returns none */
    RowCallbackHandler rows(Consumer<LoggedEvent> consumer, LongConsumer others) {
        return result -> {
            byte[] payload = result.getBytes("payload");
            long position = result.getLong("global_index");
            if (payload == null) {
                others.accept(position);
                return;
            }
            Class<?> current =
                    currentRevisions.get(result.getString("payload_type") + "@" + result.getString("payload_revision"));
            if (current != null) {
                consumer.accept(new LoggedEvent(
                        position,
                        Instant.parse(result.getString("time_stamp")),
                        result.getString("event_identifier"),
                        result.getString("aggregate_identifier"),
                        result.getLong("sequence_number"),
                        read(payload, current)));
                return;
            }
            EventLog.decode(entry(result, position, payload), serializer, upcasters, consumer);
        };
    }

    /** The row as Axon's stored entry, for its upcasters; the scans select no metadata, which no reader uses. */
    private static TrackedDomainEventData<byte[]> entry(ResultSet result, long position, byte[] payload)
            throws SQLException {
        return new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(position),
                new GenericDomainEventEntry<>(
                        result.getString("type"),
                        result.getString("aggregate_identifier"),
                        result.getLong("sequence_number"),
                        result.getString("event_identifier"),
                        result.getString("time_stamp"),
                        result.getString("payload_type"),
                        result.getString("payload_revision"),
                        payload,
                        NO_METADATA));
    }

    private static Object read(byte[] payload, Class<?> type) {
        try {
            return JSON.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a " + type.getName() + " from the log", e);
        }
    }

    private String placeholders() {
        return String.join(",", Collections.nCopies(types.size(), "?"));
    }
}
