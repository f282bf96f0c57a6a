package dev.switchboard.audit.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the registry's events ({@link RegistryEvents#TYPES}, at their current revision) with a streaming parser,
 * keeping only the fields {@code RegistryProjector} reads: no bean deserializer and no fields the registry never
 * stores (a client's address, a token's expiry, a close's detail). The fields left out are null, so an event read here
 * is for the registry's projector only; {@code RegistryPayloadsTest} holds it to the projector (each type read here
 * projects the same row as the whole event). Timestamps in the one form the log's mapper writes are parsed by hand,
 * which was a third of a replay's CPU through {@code DateTimeFormatter}; anything else in a payload (another form, a
 * number where text was expected) goes to the log's mapper.
 */
public final class RegistryPayloads {

    private static final ObjectMapper JSON = EventLogFormat.objectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final int[] SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private RegistryPayloads() {}

    /** The event of {@code type}, one of {@link RegistryEvents#TYPES}, stored as {@code json}. */
    public static Object read(Class<?> type, byte[] json) throws IOException {
        String connectionId = null;
        String nodeId = null;
        String userId = null;
        String finalId = null;
        String reason = null;
        String at = null;
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return JSON.readValue(json, type);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                switch (field) {
                    case "connectionId" -> connectionId = text;
                    case "nodeId" -> nodeId = text;
                    case "userId" -> userId = text;
                    case "finalId" -> finalId = text;
                    case "reason" -> reason = text;
                    case "at" -> at = text;
                    default -> {
                        parser.skipChildren();
                        continue;
                    }
                }
                if (text == null && value != JsonToken.VALUE_NULL) {
                    return JSON.readValue(json, type);
                }
            }
        }
        Instant time = at == null ? null : instant(at);
        if (type == ConnectionOpened.class) {
            return new ConnectionOpened(connectionId, nodeId, null, time);
        } else if (type == ConnectionAuthenticated.class) {
            return new ConnectionAuthenticated(connectionId, userId, null, time);
        } else if (type == ConnectionIdMigrated.class) {
            return new ConnectionIdMigrated(connectionId, finalId, null, null);
        } else if (type == ConnectionMarkedReady.class) {
            return new ConnectionMarkedReady(connectionId, null, time);
        } else if (type == ConnectionClosed.class) {
            return new ConnectionClosed(
                    connectionId, null, reason == null ? null : CloseReason.valueOf(reason), null, null, time);
        }
        return JSON.readValue(json, type);
    }

    /** {@code Instant.parse}, fast for what {@code Instant.toString} writes of years 0 to 9999 in UTC. */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20
                || length == 21
                || length > 30
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z'
                || (length > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || fraction < 0) {
            return Instant.parse(text);
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException invalid) {
            return Instant.parse(text);
        }
        int nanos = length > 20 ? fraction * SCALE[length - 22] : 0;
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code text[from, to)}; -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
