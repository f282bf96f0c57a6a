package dev.switchboard.api.feed;

import java.util.Optional;

/**
 * The five agent events, in the order a run emits them (thinking and tool events may repeat in between). The wire
 * name is what the log stores and clients see: spelled out rather than derived from the constant's name, so a rename
 * in Java cannot change the log. Constants are only ever added.
 */
public enum AgentEventKind {
    AGENT_STARTED("agent_started"),
    AGENT_THINKING("agent_thinking"),
    TOOL_EXECUTING("tool_executing"),
    TOOL_COMPLETED("tool_completed"),
    AGENT_COMPLETED("agent_completed");

    private final String wire;

    AgentEventKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The kind with exactly this wire name; empty for anything else, null and other spellings included. */
    public static Optional<AgentEventKind> fromWire(String wire) {
        for (AgentEventKind kind : values()) {
            if (kind.wire.equals(wire)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
