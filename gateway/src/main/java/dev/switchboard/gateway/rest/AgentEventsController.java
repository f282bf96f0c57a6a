package dev.switchboard.gateway.rest;

import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.feed.IdempotencyKeyReusedException;
import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import dev.switchboard.gateway.feed.AgentEventPublisher;
import dev.switchboard.gateway.limits.LimitsProperties;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents push their progress for users here: one event for one user, or a batch of events of any users in one
 * transaction. Only a token with scope {@code events:publish} may, for any user; a user token may not push to its own
 * feed either, since a user forging agent events would mislead itself and support. An event carrying an idempotency
 * key its user's feed already holds is answered with the earlier seq and not appended again, so a publisher may retry
 * after a timeout or a 503 without doubling it; the same key with another event is refused with 409. Nothing is
 * appended from a request with an invalid event.
 */
@RestController
class AgentEventsController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    record Published(long seq) {}

    /** @param results one per event of the request, in its order */
    record BatchPublished(List<Result> results) {}

    record Result(String userId, long seq) {}

    private final AgentEventPublisher publisher;
    private final DatabaseAvailability database;
    private final LimitsProperties limits;

    AgentEventsController(AgentEventPublisher publisher, DatabaseAvailability database, LimitsProperties limits) {
        this.publisher = publisher;
        this.database = database;
        this.limits = limits;
    }

    /** 202: the event is in the user's feed; delivery to the user's sockets follows. */
    @PostMapping("/api/users/{userId}/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Published publish(
            @PathVariable String userId,
            @RequestBody PublishEventRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @AuthenticationPrincipal VerifiedToken caller) {
        requirePublisher(caller);
        if (idempotencyKey != null && !EventRules.isKey(idempotencyKey)) {
            throw ApiException.badRequest("invalid_request", EventRules.keyRule(IDEMPOTENCY_KEY) + ".");
        }
        PublishAgentEvent event = request.forUser(userId, idempotencyKey);
        EventRules.problem(event).ifPresent(problem -> {
            throw ApiException.badRequest("invalid_request", problem + ".");
        });
        requireDatabase();
        try {
            return new Published(publisher.publish(userId, event.runId(), event.event(), event.data(), idempotencyKey));
        } catch (IdempotencyKeyReusedException reused) {
            throw ApiException.idempotencyKeyReused("The " + IDEMPOTENCY_KEY + " header");
        }
    }

    /** 202: every event is in its user's feed, or (any answer but 202) none is. */
    @PostMapping("/api/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    BatchPublished publishAll(@RequestBody PublishBatchRequest request, @AuthenticationPrincipal VerifiedToken caller) {
        requirePublisher(caller);
        List<PublishAgentEvent> events = request.checked(limits.publishBatchEvents());
        requireDatabase();
        try {
            return new BatchPublished(publisher.publishAll(events).stream()
                    .map(published -> new Result(published.userId(), published.seq()))
                    .toList());
        } catch (IdempotencyKeyReusedException reused) {
            throw ApiException.idempotencyKeyReused(reusedKey(events, reused));
        }
    }

    /**
     * The refused key as the request names it: at the last event that carries it, which is the one that differs when
     * the batch carries the key twice, and one that differs from the feed's when it carries the key once or alike.
     */
    private static String reusedKey(List<PublishAgentEvent> events, IdempotencyKeyReusedException reused) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (reused.userId().equals(events.get(i).userId())
                    && reused.idempotencyKey().equals(events.get(i).idempotencyKey())) {
                return "events[" + i + "].idempotencyKey";
            }
        }
        return "An idempotencyKey";
    }

    /** The filter chain already demands the scope (before the body is read); this keeps the rule next to the code. */
    private static void requirePublisher(VerifiedToken caller) {
        if (!caller.hasScope(VerifiedToken.PUBLISH)) {
            throw ApiException.forbidden("This request needs a token with scope " + VerifiedToken.PUBLISH + ".");
        }
    }

    /** At once, rather than after the connection pool's timeout. */
    private void requireDatabase() {
        if (!database.isAvailable()) {
            throw ApiException.unavailable();
        }
    }
}
