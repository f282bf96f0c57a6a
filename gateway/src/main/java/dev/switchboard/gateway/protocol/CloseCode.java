package dev.switchboard.gateway.protocol;

import dev.switchboard.api.connection.CloseReason;
import java.nio.charset.StandardCharsets;
import org.springframework.web.socket.CloseStatus;

/**
 * Every close the server sends: its code, the reason recorded in the log with it, and the text the client reads. One
 * code may have several constants, one per cause, so that the text says which limit or fault it was (4029).
 */
public enum CloseCode {
    GOING_AWAY(1001, CloseReason.SERVER_SHUTDOWN, "the server is going away"),
    UNSUPPORTED_DATA(1003, CloseReason.PROTOCOL_ERROR, "binary frames are not supported"),
    TOO_BIG(1009, CloseReason.PROTOCOL_ERROR, "the frame is larger than the limit"),
    TRY_AGAIN_LATER(1013, CloseReason.SERVER_CLOSED, "the node cannot serve right now; try again later"),
    AUTH_FAILED(4001, CloseReason.AUTH_FAILED, "authentication failed"),
    AUTH_TIMEOUT(4002, CloseReason.AUTH_TIMEOUT, "no auth frame within the auth timeout"),
    FORBIDDEN(4003, CloseReason.FORBIDDEN, "forbidden"),
    HEARTBEAT_TIMEOUT(4008, CloseReason.HEARTBEAT_TIMEOUT, "no frame or pong within the heartbeat timeout"),
    SLOW_CONSUMER(4009, CloseReason.SLOW_CONSUMER, "the client did not read fast enough"),
    ADMIN_CLOSED(4010, CloseReason.ADMIN_CLOSED, "closed by an operator"),
    AUTH_FAILURES_FROM_ADDRESS(
            4029,
            CloseReason.RATE_LIMITED,
            "too many failed authentications from this address; wait before trying again"),
    AUTH_FAILURES_OF_USER(
            4029, CloseReason.RATE_LIMITED, "too many failed authentications for this user; wait before trying again"),
    TOO_MANY_UNAUTHENTICATED(
            4029,
            CloseReason.RATE_LIMITED,
            "too many sockets from this address have not authenticated; authenticate or close one first");

    private final int code;
    private final CloseReason reason;
    private final String description;

    CloseCode(int code, CloseReason reason, String description) {
        this.code = code;
        this.reason = reason;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public CloseReason reason() {
        return reason;
    }

    public String description() {
        return description;
    }

    /** The WebSocket close status; its reason text must stay under 123 bytes. */
    public CloseStatus status() {
        return new CloseStatus(code, description);
    }

    /** The close status with a reason more precise than the description, when it fits the frame's 123 bytes. */
    public CloseStatus status(String reason) {
        return reason.getBytes(StandardCharsets.UTF_8).length <= 123 ? new CloseStatus(code, reason) : status();
    }
}
