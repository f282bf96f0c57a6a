package dev.switchboard.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import java.util.stream.StreamSupport;

/** Bodies for {@code POST /api/events}, and a user's feed read back over HTTP. */
final class Batches {

    static final ObjectMapper JSON = new ObjectMapper();

    private Batches() {}

    /** One event of a batch, with a little data. */
    static ObjectNode event(String userId, String event) {
        ObjectNode node = JSON.createObjectNode()
                .put("userId", userId)
                .put("runId", "run-1")
                .put("event", event);
        node.putObject("data").put("note", event + " for " + userId);
        return node;
    }

    static ObjectNode keyed(String userId, String event, String idempotencyKey) {
        return event(userId, event).put("idempotencyKey", idempotencyKey);
    }

    static String body(List<? extends JsonNode> events) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("events").addAll(List.copyOf(events));
        return body.toString();
    }

    static ApiClient.Response publishAll(ApiClient api, List<? extends JsonNode> events) {
        return api.postJson("/api/events", Tokens.publisher(), body(events));
    }

    /** The {@code results} of a 202, as (userId, seq) pairs in answer order. */
    static List<String> results(ApiClient.Response answer) {
        return StreamSupport.stream(answer.body().path("results").spliterator(), false)
                .map(result -> result.path("userId").asText() + "#"
                        + result.path("seq").asLong())
                .toList();
    }

    /** The user's agent events as the log holds them (the payloads of the user's timeline), in log order. */
    static List<JsonNode> feed(ApiClient api, String userId) {
        var timeline = api.get("/api/users/" + userId + "/timeline", Tokens.admin());
        return StreamSupport.stream(timeline.body().path("steps").spliterator(), false)
                .filter(step -> step.path("type").asText().equals("AgentEventPublished"))
                .map(step -> step.path("payload"))
                .toList();
    }

    /** The seq a single publish for the user gets now: 1 when nothing was ever appended for the user. */
    static long nextSeq(ApiClient api, String userId) {
        var answer = api.postJson("/api/users/" + userId + "/events", Tokens.publisher(), """
                {"runId":"run-next","event":"agent_started"}""");
        return answer.body().path("seq").asLong();
    }
}
