package dev.switchboard.gateway.rest;

import static java.util.stream.Collectors.joining;

import dev.switchboard.api.feed.AgentEventKind;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the API checks of an agent event before it publishes, for both publish endpoints: a bad event is a 400 that
 * names its field, decided before anything is queued. The feed writer checks the same again and would only throw.
 */
final class EventRules {

    /** The key table's columns and the event table's stream id are VARCHAR(255). */
    static final int MAX_KEY_LENGTH = 255;

    /** A run id is kept only in the event's JSON; the feed writer allows no longer one either. */
    static final int MAX_RUN_ID_LENGTH = 255;

    /** A feed's stream id is the user id behind the feed prefix. */
    static final int MAX_USER_ID_LENGTH = MAX_KEY_LENGTH - FeedIds.of("").length();

    static final String EVENT_RULE = "event must be one of "
            + Arrays.stream(AgentEventKind.values()).map(AgentEventKind::wire).collect(joining(", "));

    private EventRules() {}

    /**
     * The first thing wrong with the event, as a sentence that starts with the field's name and has no full stop, so
     * that a caller can put the event's place in front; empty when the event may be published.
     */
    static Optional<String> problem(PublishAgentEvent event) {
        if (isBlank(event.userId())) {
            return Optional.of("userId must be a non-blank string");
        }
        if (event.userId().length() > MAX_USER_ID_LENGTH) {
            return Optional.of("userId must be at most " + MAX_USER_ID_LENGTH + " characters");
        }
        if (isBlank(event.runId())) {
            return Optional.of("runId must be a non-blank string");
        }
        if (event.runId().length() > MAX_RUN_ID_LENGTH) {
            return Optional.of("runId must be at most " + MAX_RUN_ID_LENGTH + " characters");
        }
        if (AgentEventKind.fromWire(event.event()).isEmpty()) {
            return Optional.of(EVENT_RULE);
        }
        if (event.idempotencyKey() != null && !isKey(event.idempotencyKey())) {
            return Optional.of(keyRule("idempotencyKey"));
        }
        return Optional.empty();
    }

    static boolean isKey(String key) {
        return !key.isBlank() && key.length() <= MAX_KEY_LENGTH;
    }

    /** @param name how the request names the key: a header or a field */
    static String keyRule(String name) {
        return name + " must be 1 to " + MAX_KEY_LENGTH + " characters, not blank";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
