package dev.switchboard.bench.biglog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.log.EventLogFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * Event rows of {@code domain_event_entry} exactly as Axon's JDBC storage engine writes them for Switchboard, as lines
 * of PostgreSQL's COPY text format: the payload serialized by the log's own mapper ({@link EventLogFormat}), the
 * revision from the event's {@code @Revision}, the message's trace and correlation ids as metadata, the timestamp in
 * Axon's millisecond format. An event outside any aggregate gets its own id as stream id, sequence 0, no type, and
 * empty metadata, as {@code EventStore.publish} stores it.
 */
final class EventRows {

    private static final ObjectMapper JSON = EventLogFormat.objectMapper();
    private static final DateTimeFormatter AXON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final Random random;
    private final StringBuilder out;
    private long position;

    EventRows(Random random, StringBuilder out, long firstPosition) {
        this.random = random;
        this.out = out;
        this.position = firstPosition - 1;
    }

    /** A fresh id for the message that a command's events share as trace and correlation id. */
    String messageId() {
        return uuid();
    }

    /**
     * Appends one row and returns its position.
     *
     * @param stream the aggregate id, or null for an event published outside any aggregate
     * @param type the aggregate type ({@code Connection}, {@code AgentFeed}), null with no stream
     * @param messageId the command message's id, null with no stream
     * @param stamp when the event message was created (Axon's own clock, not the payload's {@code at})
     */
    long append(String stream, String type, long sequence, String messageId, Object payload, Instant stamp) {
        String eventId = uuid();
        String metadata = messageId == null
                ? "{}"
                : "{\"traceId\":\"" + messageId + "\",\"correlationId\":\"" + messageId + "\"}";
        position++;
        out.append(position).append('\t');
        out.append(type == null ? "\\N" : type).append('\t');
        out.append(stream == null ? eventId : stream).append('\t');
        out.append(stream == null ? 0 : sequence).append('\t');
        out.append(eventId).append('\t');
        bytea(metadata.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.append('\t');
        bytea(serialize(payload));
        out.append('\t');
        out.append(payload.getClass().getAnnotation(Revision.class).value()).append('\t');
        out.append(payload.getClass().getName()).append('\t');
        out.append(AXON_TIME.format(stamp)).append('\n');
        return position;
    }

    long position() {
        return position;
    }

    /** The column order the lines above follow. */
    static String copyStatement() {
        return "COPY domain_event_entry (global_index, type, aggregate_identifier, sequence_number, event_identifier, "
                + "meta_data, payload, payload_revision, payload_type, time_stamp) FROM STDIN";
    }

    private void bytea(byte[] bytes) {
        out.append("\\\\x").append(HEX.formatHex(bytes));
    }

    private static byte[] serialize(Object payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + payload, e);
        }
    }

    private String uuid() {
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
