package dev.switchboard.gateway.protocol;

/** A frame from the client, parsed and checked. */
public sealed interface ClientFrame {

    /** {@code {"type":"auth","token":T,"lastSeq":N?}}; lastSeq is null when the client has none. */
    record Auth(String token, Long lastSeq) implements ClientFrame {}

    /** {@code {"type":"message","id":I,"text":X}}. */
    record Message(String id, String text) implements ClientFrame {}

    /** {@code {"type":"ping"}}. */
    record Ping() implements ClientFrame {}
}
