package dev.switchboard.command.feed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * A feed event's stored payload and metadata, as the log's serializer would write them, built in two steps so that
 * the feed writer's one thread does the least of it. When a request arrives, on its caller's thread, everything but
 * the seq and the time is written with the serializer's own mapper ({@link Parts}: the user, run, event, data and key,
 * the data being most of the bytes and most of the work), and the metadata ({@link FeedMetaData}) with it. Once the
 * writer has planned the seq, a payload is those parts with the seq's digits and the batch's time, written once a
 * batch, put in between. Serializing whole events on the writer's thread was a third of its CPU at 1,000 events a
 * batch. {@code FeedPayloadsTest} holds the bytes equal to the serializer's.
 */
final class FeedPayloads {

    /**
     * What a payload holds around its seq, {@code {"userId":…,"seq":} and {@code ,"runId":…,"at":}, and the row's
     * metadata.
     */
    record Parts(byte[] beforeSeq, byte[] afterSeq, byte[] metaData) {}

    private static final byte END = '}';
    /** The lengths of {@code 0} and {@code null}, written where the seq and time go. */
    private static final int SEQ_PLACEHOLDER = 1;

    private static final int TIME_PLACEHOLDER = 4;

    private final ObjectMapper json;
    private final SerializedType type;
    private final FeedMetaData metaData;

    /** @param serializer the log's event serializer, whose mapper writes the payloads */
    FeedPayloads(Serializer serializer) {
        if (!(serializer instanceof JacksonSerializer jackson)) {
            throw new IllegalArgumentException("The feed's payloads are written as the log's JSON, by a "
                    + "JacksonSerializer; the event serializer is a "
                    + serializer.getClass().getName() + ".");
        }
        this.json = jackson.getObjectMapper();
        this.type = serializer.typeForClass(AgentEventPublished.class);
        this.metaData = new FeedMetaData(serializer);
    }

    /** The payload's type, as the log names it. */
    SerializedType type() {
        return type;
    }

    /**
     * Writes everything of the event's row but its seq and time.
     *
     * @param traceId the id of the message the event is appended for, its metadata's trace and correlation id
     * @throws SerializationException when the event's data cannot be written as JSON
     */
    Parts parts(PublishAgentEvent command, String traceId) {
        Map<String, Object> data = command.data() == null ? Map.of() : command.data();
        var out = new ByteArrayBuilder(256);
        int afterSeq;
        int afterTime;
        // a field's ':' comes with its value; so the parts end where a placeholder of known length ends, less it
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("userId", command.userId());
            generator.writeNumberField("seq", 0);
            generator.flush();
            afterSeq = out.size();
            generator.writeStringField("runId", command.runId());
            generator.writeStringField("event", command.event());
            generator.writeFieldName("data");
            json.writeValue(generator, data);
            generator.writeStringField("idempotencyKey", command.idempotencyKey());
            generator.writeNullField("at");
            generator.flush();
            afterTime = out.size();
            generator.writeEndObject();
        } catch (IOException e) {
            throw new SerializationException("The agent event's data cannot be written as JSON.", e);
        }
        byte[] written = out.toByteArray();
        return new Parts(
                Arrays.copyOfRange(written, 0, afterSeq - SEQ_PLACEHOLDER),
                Arrays.copyOfRange(written, afterSeq, afterTime - TIME_PLACEHOLDER),
                metaData.of(traceId));
    }

    /** The time as the payload writes it, a JSON string; once for every event of a batch. */
    byte[] time(Instant at) {
        try {
            return json.writeValueAsBytes(at);
        } catch (IOException e) {
            throw new SerializationException("An instant cannot be written as JSON.", e);
        }
    }

    /** The payload of an event of {@code parts} with that seq and the {@link #time} of its batch. */
    static byte[] payload(Parts parts, long seq, byte[] time) {
        byte[] digits = Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[parts.beforeSeq().length + digits.length + parts.afterSeq().length + time.length + 1];
        int at = put(parts.beforeSeq(), payload, 0);
        at = put(digits, payload, at);
        at = put(parts.afterSeq(), payload, at);
        at = put(time, payload, at);
        payload[at] = END;
        return payload;
    }

    private static int put(byte[] part, byte[] to, int at) {
        System.arraycopy(part, 0, to, at, part.length);
        return at + part.length;
    }
}
