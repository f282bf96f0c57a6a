package dev.switchboard.api.registry;

/** Which connection has this id, preliminary or final? Answers an {@code Optional<ConnectionView>}. */
public record FindConnection(String id) {}
