package dev.switchboard.audit.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A row as one JSON line of format 3, written and read with Jackson's streaming API (no tree, no reflection). The byte
 * columns, JSON text in every log Switchboard writes, are stored as their UTF-8 text in a JSON string ({@code
 * "payload":"{\"userId\":…}"}): a reader gets the exact bytes back, the line stays readable with {@code zstdcat | jq},
 * and it compresses far better than base64 of the same bytes. A column that is not valid UTF-8 is stored in base64
 * under {@code metaDataBase64} or {@code payloadBase64} instead, so any bytes round-trip.
 */
final class RowLines {

    private RowLines() {}

    /** Writes {@code row} as one JSON object (no line end); {@code text} is this writer's own decoder. */
    static void write(JsonGenerator json, ArchivedRow row, CharsetDecoder text) throws IOException {
        json.writeStartObject();
        json.writeNumberField("globalIndex", row.globalIndex());
        json.writeStringField("aggregateIdentifier", row.aggregateIdentifier());
        json.writeNumberField("sequenceNumber", row.sequenceNumber());
        json.writeStringField("type", row.type());
        json.writeStringField("eventIdentifier", row.eventIdentifier());
        writeBytes(json, "metaData", row.metaData(), text);
        writeBytes(json, "payload", row.payload(), text);
        json.writeStringField("payloadRevision", row.payloadRevision());
        json.writeStringField("payloadType", row.payloadType());
        json.writeStringField("timeStamp", row.timeStamp());
        json.writeEndObject();
    }

    /** A decoder that refuses malformed UTF-8, for {@link #write}; one per writing thread. */
    static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static void writeBytes(JsonGenerator json, String field, byte[] bytes, CharsetDecoder text)
            throws IOException {
        if (bytes == null) {
            json.writeNullField(field);
            return;
        }
        if (isAscii(bytes)) {
            json.writeFieldName(field);
            json.writeUTF8String(bytes, 0, bytes.length);
            return;
        }
        CharBuffer chars;
        try {
            chars = text.reset().decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException notText) {
            json.writeStringField(field + "Base64", Base64.getEncoder().encodeToString(bytes));
            return;
        }
        json.writeFieldName(field);
        json.writeString(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
    }

    /** ASCII is UTF-8 as it stands: escaped straight from the bytes, without decoding them to characters first. */
    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads the row whose object starts at the parser's current {@code START_OBJECT}. */
    static ArchivedRow read(JsonParser json) throws IOException {
        long globalIndex = -1;
        long sequenceNumber = -1;
        String aggregateIdentifier = null;
        String type = null;
        String eventIdentifier = null;
        byte[] metaData = null;
        byte[] payload = null;
        String payloadRevision = null;
        String payloadType = null;
        String timeStamp = null;
        for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
            JsonToken value = json.nextToken();
            switch (field) {
                case "globalIndex" -> globalIndex = json.getLongValue();
                case "sequenceNumber" -> sequenceNumber = json.getLongValue();
                case "aggregateIdentifier" -> aggregateIdentifier = text(json, value);
                case "type" -> type = text(json, value);
                case "eventIdentifier" -> eventIdentifier = text(json, value);
                case "metaData" -> metaData = utf8(json, value);
                case "metaDataBase64" -> metaData = json.getBinaryValue();
                case "payload" -> payload = utf8(json, value);
                case "payloadBase64" -> payload = json.getBinaryValue();
                case "payloadRevision" -> payloadRevision = text(json, value);
                case "payloadType" -> payloadType = text(json, value);
                case "timeStamp" -> timeStamp = text(json, value);
                default -> json.skipChildren();
            }
        }
        if (globalIndex < 0 || sequenceNumber < 0) {
            throw new IOException("a format 3 row needs globalIndex and sequenceNumber, at " + json.currentLocation());
        }
        return new ArchivedRow(
                globalIndex,
                aggregateIdentifier,
                sequenceNumber,
                type,
                eventIdentifier,
                metaData,
                payload,
                payloadRevision,
                payloadType,
                timeStamp);
    }

    private static String text(JsonParser json, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NULL ? null : json.getText();
    }

    private static byte[] utf8(JsonParser json, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NULL ? null : json.getText().getBytes(StandardCharsets.UTF_8);
    }
}
