package dev.switchboard.gateway.rest;

import static dev.switchboard.gateway.rest.Batches.event;
import static dev.switchboard.gateway.rest.Batches.nextSeq;
import static dev.switchboard.gateway.rest.Batches.publishAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code switchboard.limits.publish-batch-events}, {@code …-batch-body} and {@code …-event-body}, and the lengths of a
 * run id and a key: what one push may carry.
 */
class PublishLimitsIT extends SmallPublishLimitsTest {

    @Test
    void aBatchOverTheConfiguredNumberOfEventsIs400() {
        String user = Tokens.newUserId();

        var answer = publishAll(
                api,
                List.of(
                        event(user, "agent_started"),
                        event(user, "agent_thinking"),
                        event(user, "tool_executing"),
                        event(user, "agent_completed")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("message").asText())
                .isEqualTo("events[3] is one too many: a request holds at most 3 events, this one 4.");
        assertThat(nextSeq(api, user)).isEqualTo(1);
    }

    @Test
    void aBodyOverTheConfiguredSizeIs413WithOrWithoutAContentLengthAndNothingIsAppended() {
        String user = Tokens.newUserId();
        String body = Batches.body(List.of(padded(user, 1000), padded(user, 1000), padded(user, 1000)));

        var declared = api.postJson("/api/events", Tokens.publisher(), body);
        var chunked = api.postJsonChunked("/api/events", Tokens.publisher(), body);

        for (var answer : List.of(declared, chunked)) {
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body().path("error").asText()).isEqualTo("too_large");
            assertThat(answer.body().path("message").asText()).contains("over 2048 bytes");
        }
        assertThat(nextSeq(api, user)).isEqualTo(1);
    }

    @Test
    void aBodyJustWithinTheLimitIsReadOnceAndPublished() {
        String user = Tokens.newUserId();
        String body = Batches.body(List.of(padded(user, 600), padded(user, 600)));
        assertThat(body.length()).isBetween(1200, 2048);

        var answer = api.postJsonChunked("/api/events", Tokens.publisher(), body);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(Batches.results(answer)).containsExactly(user + "#1", user + "#2");
    }

    @Test
    void aSinglePushOverTheConfiguredSizeIs413WithOrWithoutAContentLengthAndNothingIsAppended() {
        String user = Tokens.newUserId();
        String body =
                "{\"runId\":\"r\",\"event\":\"agent_thinking\",\"data\":{\"token\":\"" + "x".repeat(1100) + "\"}}";
        String path = "/api/users/" + user + "/events";

        var declared = api.postJson(path, Tokens.publisher(), body);
        var chunked = api.postJsonChunked(path, Tokens.publisher(), body);

        for (var answer : List.of(declared, chunked)) {
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body().path("error").asText()).isEqualTo("too_large");
            assertThat(answer.body().path("message").asText()).contains("over 1024 bytes");
        }
        assertThat(nextSeq(api, user)).isEqualTo(1);
        assertThat(api.postJson(path, Tokens.publisher(), body.replace("x".repeat(1100), "x".repeat(900)))
                        .status())
                .as("just within the limit")
                .isEqualTo(202);
    }

    @Test
    void aRunIdOrIdempotencyKeyOver255CharactersIs400InvalidRequestAndNothingIsAppended() {
        String user = Tokens.newUserId();
        String path = "/api/users/" + user + "/events";

        var longRun = api.postJson(
                path, Tokens.publisher(), "{\"runId\":\"" + "r".repeat(256) + "\",\"event\":\"agent_started\"}");
        var longKey = api.postJson(
                path,
                Tokens.publisher(),
                "{\"runId\":\"r\",\"event\":\"agent_started\"}",
                Map.of("Idempotency-Key", "k".repeat(256)));

        assertThat(List.of(longRun.status(), longKey.status())).containsOnly(400);
        assertThat(List.of(
                        longRun.body().path("error").asText(),
                        longKey.body().path("error").asText()))
                .containsOnly("invalid_request");
        assertThat(longRun.body().path("message").asText()).isEqualTo("runId must be at most 255 characters.");
        assertThat(longKey.body().path("message").asText())
                .isEqualTo("Idempotency-Key must be 1 to 255 characters, not blank.");
        assertThat(nextSeq(api, user)).isEqualTo(1);
    }

    private static ObjectNode padded(String user, int characters) {
        ObjectNode event = event(user, "agent_thinking");
        event.putObject("data").put("token", "x".repeat(characters));
        return event;
    }
}
