package dev.switchboard.gateway.protocol;

import java.util.Locale;

/** The {@code code} of an {@code error} frame. Stable: constants are only added. */
public enum ErrorCode {
    /** Malformed JSON, an unknown type, or a missing field. The connection stays open. */
    BAD_REQUEST,
    /** A message before auth. It is not processed. */
    NOT_AUTHENTICATED,
    /** Too many messages held before ready, or too many per second. */
    RATE_LIMITED,
    /** A message text over the size limit. */
    TOO_LARGE,
    /** The server could not process the frame; it was not processed. */
    UNAVAILABLE,
    /** The agent feed is behind and refused an event of the message's run; the run stopped there. */
    OVERLOADED,
    /** No agent answers messages on this node (the operator switched the demo agent off). It is not processed. */
    NO_AGENT,
    /** The agent has as many runs in progress as it may; the message is not processed. Send it again later. */
    BUSY,
    /**
     * The operator's agent backend could not be reached, did not answer in time, refused the message, or has failed
     * so often that the node stopped calling it for a while; the message was not taken. Send it again later.
     */
    AGENT_UNAVAILABLE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
