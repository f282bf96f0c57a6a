package dev.switchboard.gateway.protocol;

/** A client frame that cannot be processed; answered with an {@code error} frame carrying the frame's id if any. */
public class BadFrameException extends Exception {

    private final ErrorCode code;
    private final String frameId;

    public BadFrameException(ErrorCode code, String message, String frameId) {
        super(message);
        this.code = code;
        this.frameId = frameId;
    }

    public ErrorCode code() {
        return code;
    }

    public String frameId() {
        return frameId;
    }
}
