package dev.switchboard.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * The body of {@code POST /api/users/{userId}/events}.
 *
 * @param data the event's details, a JSON object; absent means empty
 */
record PublishEventRequest(
        @NotBlank(message = "runId must be a non-blank string")
        String runId,

        @NotBlank(message = EVENT_RULE) @Pattern(regexp = EVENT_NAMES, message = EVENT_RULE)
        String event,

        Map<String, Object> data) {

    static final String EVENT_NAMES = "agent_started|agent_thinking|tool_executing|tool_completed|agent_completed";
    static final String EVENT_RULE =
            "event must be one of agent_started, agent_thinking, tool_executing, " + "tool_completed, agent_completed";

    Map<String, Object> dataOrEmpty() {
        return data == null ? Map.of() : data;
    }
}
