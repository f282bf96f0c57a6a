package dev.switchboard.gateway.rest;

import static dev.switchboard.gateway.rest.ApiAuthenticationIT.assertNoInternals;
import static dev.switchboard.gateway.rest.Batches.event;
import static dev.switchboard.gateway.rest.Batches.nextSeq;
import static dev.switchboard.gateway.rest.Batches.publishAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.support.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /api/events} with a bad event in it: refused whole, before anything is appended. */
class BatchEventsRefusedIT extends ApiIntegrationTest {

    static List<Arguments> badEvents() {
        return List.of(
                bad("no userId", e -> e.without("userId"), "invalid_request", "events[2].userId must be a non-blank"),
                bad("blank runId", e -> e.put("runId", " "), "invalid_request", "events[2].runId must be a non-blank"),
                bad("unknown event", e -> e.put("event", "agent_slept"), "invalid_request", "events[2].event must be"),
                bad("no event", e -> e.without("event"), "invalid_request", "events[2].event must be one of"),
                bad(
                        "userId too long",
                        e -> e.put("userId", "u".repeat(251)),
                        "invalid_request",
                        "events[2].userId must be at most 250 characters"),
                bad(
                        "runId too long",
                        e -> e.put("runId", "r".repeat(256)),
                        "invalid_request",
                        "events[2].runId must be at most 255 characters"),
                bad(
                        "key too long",
                        e -> e.put("idempotencyKey", "k".repeat(256)),
                        "invalid_request",
                        "events[2].idempotencyKey must be 1 to 255 characters"),
                bad(
                        "blank key",
                        e -> e.put("idempotencyKey", ""),
                        "invalid_request",
                        "events[2].idempotencyKey must be 1 to 255"),
                bad("data a list", e -> e.set("data", e.arrayNode()), "malformed_request", "field events[2].data"),
                bad("an empty object", e -> e.objectNode(), "invalid_request", "events[2].userId must be"));
    }

    private static Arguments bad(String kind, UnaryOperator<ObjectNode> spoil, String code, String message) {
        return Arguments.of(kind, spoil, code, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void oneBadEventRefusesTheWholeBatchNamingItsIndex(
            String kind, UnaryOperator<ObjectNode> spoil, String code, String message) {
        String user = Tokens.newUserId();
        List<JsonNode> events = new ArrayList<>(List.of(event(user, "agent_started"), event(user, "agent_thinking")));
        events.add(spoil.apply(event(user, "tool_executing")));
        events.add(event(user, "agent_completed"));

        var answer = publishAll(api, events);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo(code);
        assertThat(answer.body().path("message").asText()).contains(message);
        assertNoInternals(answer.raw());
        assertThat(nextSeq(api, user)).as("nothing of the batch was appended").isEqualTo(1);
    }

    @Test
    void aUserWithAHistoryKeepsItsHeadWhenABatchIsRefused() {
        String user = Tokens.newUserId();
        nextSeq(api, user);
        nextSeq(api, user);

        var answer = publishAll(
                api, List.of(event(user, "agent_started"), Batches.JSON.nullNode(), event(user, "agent_thinking")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("message").asText()).isEqualTo("events[1] must be a JSON object.");
        assertThat(nextSeq(api, user)).isEqualTo(3);
    }

    @Test
    void anEmptyOrMissingListIs400() {
        for (String body : List.of("{\"events\":[]}", "{}", "{\"events\":null}")) {
            var answer = api.postJson("/api/events", Tokens.publisher(), body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).isEqualTo("invalid_request");
            assertThat(answer.body().path("message").asText()).contains("1 to 1000 agent events");
        }
    }

    @Test
    void moreThanAThousandEventsAre400AndNoneIsAppended() {
        String user = Tokens.newUserId();
        List<JsonNode> events = Collections.nCopies(1001, event(user, "agent_thinking"));

        var answer = publishAll(api, events);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo("invalid_request");
        assertThat(answer.body().path("message").asText()).startsWith("events[1000] is one too many");
        assertThat(nextSeq(api, user)).isEqualTo(1);
    }

    @Test
    void malformedJsonOrAListThatIsNotOneIs400() {
        var broken = api.postJson("/api/events", Tokens.publisher(), "{\"events\":[{\"userId\":");
        var notAList = api.postJson("/api/events", Tokens.publisher(), "{\"events\":\"agent_started\"}");

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().path("error").asText()).isEqualTo("malformed_request");
        assertThat(broken.body().path("message").asText()).isEqualTo("The request body is not valid JSON.");
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(notAList.body().path("message").asText()).contains("field events has the wrong JSON type");
    }
}
