package dev.switchboard.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads client frames and writes server frames: the wire format in one place. */
@Component
public class FrameCodec {

    private final ObjectMapper json;

    // public for the codec benchmark, which measures the wire format alone, without a Spring context
    public FrameCodec(ObjectMapper json) {
        this.json = json;
    }

    public ClientFrame parse(String text) throws BadFrameException {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadFrameException(ErrorCode.BAD_REQUEST, "the frame is not valid JSON", null);
        }
        if (frame == null || !frame.isObject()) {
            throw new BadFrameException(ErrorCode.BAD_REQUEST, "a frame is one JSON object", null);
        }
        String id = frame.hasNonNull("id") ? frame.get("id").asText() : null;
        String type = frame.path("type").asText("");
        return switch (type) {
            case "auth" -> new ClientFrame.Auth(requiredText(frame, "token", id), lastSeq(frame, id));
            case "message" -> new ClientFrame.Message(requiredText(frame, "id", id), requiredText(frame, "text", id));
            case "ping" -> new ClientFrame.Ping();
            case "" -> throw new BadFrameException(ErrorCode.BAD_REQUEST, "the frame has no type", id);
            default ->
                throw new BadFrameException(
                        ErrorCode.BAD_REQUEST,
                        "unknown frame type '" + abbreviate(type) + "'; expected auth, message or ping",
                        id);
        };
    }

    public String welcome(String connectionId, long heartbeatSeconds) {
        return write(frame(ServerFrameType.WELCOME)
                .put("connectionId", connectionId)
                .put("heartbeatSeconds", heartbeatSeconds));
    }

    public String ready(String connectionId, String userId, long lastSeq) {
        return write(frame(ServerFrameType.READY)
                .put("connectionId", connectionId)
                .put("userId", userId)
                .put("lastSeq", lastSeq));
    }

    public String ack(String id, String runId) {
        return write(frame(ServerFrameType.ACK).put("id", id).put("runId", runId));
    }

    public String event(long seq, String runId, String event, Map<String, Object> data) {
        ObjectNode frame =
                frame(ServerFrameType.EVENT).put("seq", seq).put("runId", runId).put("event", event);
        frame.set("data", json.valueToTree(data == null ? Map.of() : data));
        return write(frame);
    }

    /** The events from {@code fromSeq} to {@code toSeq} are no longer in the log (archived); the feed goes on after. */
    public String gap(long fromSeq, long toSeq) {
        return write(frame(ServerFrameType.GAP).put("fromSeq", fromSeq).put("toSeq", toSeq));
    }

    public String error(ErrorCode code, String message, String id) {
        return write(frame(ServerFrameType.ERROR)
                .put("code", code.code())
                .put("message", message)
                .put("id", id));
    }

    public String pong() {
        return write(frame(ServerFrameType.PONG));
    }

    private ObjectNode frame(ServerFrameType type) {
        return json.createObjectNode().put("type", type.wire());
    }

    private String write(ObjectNode frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a server frame could not be written", e);
        }
    }

    private static String requiredText(JsonNode frame, String field, String id) throws BadFrameException {
        JsonNode value = frame.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadFrameException(ErrorCode.BAD_REQUEST, "'" + field + "' must be a non-empty string", id);
        }
        return value.asText();
    }

    private static Long lastSeq(JsonNode frame, String id) throws BadFrameException {
        JsonNode value = frame.get("lastSeq");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new BadFrameException(ErrorCode.BAD_REQUEST, "'lastSeq' must be a whole number of at least 0", id);
        }
        return value.asLong();
    }

    private static String abbreviate(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "…";
    }
}
