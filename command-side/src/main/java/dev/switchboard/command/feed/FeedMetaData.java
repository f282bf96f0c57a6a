package dev.switchboard.command.feed;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;

/**
 * A feed event's metadata as stored: what Axon's correlation data puts on an event applied while handling a command
 * message, the message's id as both trace and correlation id. Written directly for an id that JSON needs no escape
 * for (the node's ids are UUIDs, so every one of them): the serializer's per-map work was a tenth of the feed writer's
 * CPU at 1,000 events a batch. Any other id goes through the serializer. {@code FeedMetaDataTest} holds the two
 * equal.
 */
final class FeedMetaData {

    private static final byte[] TRACE = "{\"traceId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CORRELATION = "\",\"correlationId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final Serializer serializer;

    FeedMetaData(Serializer serializer) {
        this.serializer = serializer;
    }

    /** The metadata a slot's message carries. */
    static MetaData forMessage(String traceId) {
        return MetaData.from(Map.of("traceId", traceId, "correlationId", traceId));
    }

    /** The stored bytes of {@link #forMessage}'s metadata. */
    byte[] of(String traceId) {
        if (!isPlain(traceId)) {
            return serializer.serialize(forMessage(traceId), byte[].class).getData();
        }
        byte[] bytes = new byte[TRACE.length + CORRELATION.length + END.length + 2 * traceId.length()];
        int at = put(TRACE, bytes, 0);
        at = put(traceId, bytes, at);
        at = put(CORRELATION, bytes, at);
        at = put(traceId, bytes, at);
        put(END, bytes, at);
        return bytes;
    }

    /** Letters, digits, '-', '_', '.' and ':' only: nothing JSON escapes, one byte each in UTF-8. */
    static boolean isPlain(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == ':';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    private static int put(byte[] part, byte[] to, int at) {
        System.arraycopy(part, 0, to, at, part.length);
        return at + part.length;
    }

    private static int put(String ascii, byte[] to, int at) {
        for (int i = 0; i < ascii.length(); i++) {
            to[at + i] = (byte) ascii.charAt(i);
        }
        return at + ascii.length();
    }
}
