package dev.switchboard.gateway.protocol;

import java.util.Locale;

/**
 * The {@code type} of every frame the server sends. {@link FrameCodec} writes frames of these types only, so this is
 * the list that {@code docs/asyncapi.yaml} must cover. Stable: constants are only added.
 */
public enum ServerFrameType {
    WELCOME,
    READY,
    ACK,
    EVENT,
    ERROR,
    PONG,
    GAP;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
