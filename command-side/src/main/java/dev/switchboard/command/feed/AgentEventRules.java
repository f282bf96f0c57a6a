package dev.switchboard.command.feed;

import static java.util.stream.Collectors.joining;

import dev.switchboard.api.feed.AgentEventKind;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.util.Arrays;

/** What an agent event must be before it may be queued: every event of a request is checked before any is written. */
final class AgentEventRules {

    /** The event table's stream id and the key table's columns are VARCHAR(255). */
    static final int MAX_ID_LENGTH = 255;

    /** A run id is only in the event's JSON, but a client that sends a longer one is sending something else. */
    static final int MAX_RUN_ID_LENGTH = 255;

    private AgentEventRules() {}

    /** @throws IllegalArgumentException naming what is wrong */
    static void validate(PublishAgentEvent command) {
        if (command == null) {
            throw new IllegalArgumentException("An agent event is missing.");
        }
        if (command.userId() == null || command.userId().isBlank()) {
            throw new IllegalArgumentException("An agent event needs a non-blank userId.");
        }
        if (FeedIds.of(command.userId()).length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("An agent event's userId must be at most "
                    + (MAX_ID_LENGTH - FeedIds.of("").length()) + " characters.");
        }
        if (command.runId() == null || command.runId().isBlank()) {
            throw new IllegalArgumentException("An agent event needs a non-blank runId.");
        }
        if (command.runId().length() > MAX_RUN_ID_LENGTH) {
            throw new IllegalArgumentException(
                    "An agent event's runId must be at most " + MAX_RUN_ID_LENGTH + " characters.");
        }
        if (AgentEventKind.fromWire(command.event()).isEmpty()) {
            throw new IllegalArgumentException("Unknown agent event '" + command.event() + "': expected one of "
                    + Arrays.stream(AgentEventKind.values())
                            .map(AgentEventKind::wire)
                            .collect(joining(", ")) + ".");
        }
        if (command.idempotencyKey() != null && command.idempotencyKey().length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(
                    "An agent event's idempotencyKey must be at most " + MAX_ID_LENGTH + " characters.");
        }
    }
}
