package dev.switchboard.gateway.rest;

import dev.switchboard.api.feed.PublishAgentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/events}: agent events of any users, in the order each user's seqs are to follow.
 *
 * @param events 1 to the configured maximum
 */
record PublishBatchRequest(List<Event> events) {

    /**
     * @param data the event's details, a JSON object; absent means empty
     * @param idempotencyKey the publisher's id for the event; optional
     */
    record Event(String userId, String runId, String event, Map<String, Object> data, String idempotencyKey) {

        PublishAgentEvent command() {
            return new PublishEventRequest(runId, event, data).forUser(userId, idempotencyKey);
        }
    }

    /**
     * The events to publish, once every one of them is valid.
     *
     * @throws ApiException 400 naming the first bad event's index: the request is refused whole
     */
    List<PublishAgentEvent> checked(int maxEvents) {
        if (events == null || events.isEmpty()) {
            throw invalid("events must be a list of 1 to " + maxEvents + " agent events.");
        }
        if (events.size() > maxEvents) {
            throw invalid("events[" + maxEvents + "] is one too many: a request holds at most " + maxEvents
                    + " events, this one " + events.size() + ".");
        }
        List<PublishAgentEvent> checked = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event == null) {
                throw invalid("events[" + i + "] must be a JSON object.");
            }
            PublishAgentEvent command = event.command();
            String place = "events[" + i + "].";
            EventRules.problem(command).ifPresent(problem -> {
                throw invalid(place + problem + ".");
            });
            checked.add(command);
        }
        return checked;
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_request", message);
    }
}
