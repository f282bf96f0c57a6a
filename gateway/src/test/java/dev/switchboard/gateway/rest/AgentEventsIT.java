package dev.switchboard.gateway.rest;

import static dev.switchboard.gateway.rest.ApiAuthenticationIT.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /api/users/{userId}/events}: how an agent's progress enters a user's feed. */
class AgentEventsIT extends ApiIntegrationTest {

    @Test
    void aPublisherGets202AndTheEventsSequenceNumberWhichGrowsPerUser() {
        String user = Tokens.newUserId();

        var first = publish(user, Tokens.publisher(), """
                {"runId":"run-1","event":"agent_started","data":{"model":"m1"}}""");
        var second = publish(user, Tokens.publisher(), """
                {"runId":"run-1","event":"agent_completed"}""");

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body().path("seq").isIntegralNumber()).isTrue();
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.body().path("seq").asLong())
                .isGreaterThan(first.body().path("seq").asLong());
    }

    @Test
    void aPushRetriedWithTheSameIdempotencyKeyIsAppendedOnceAndAnsweredWithTheSameSeq() {
        String user = Tokens.newUserId();
        String body = "{\"runId\":\"run-1\",\"event\":\"agent_started\"}";

        var first = api.postJson(
                "/api/users/" + user + "/events", Tokens.publisher(), body, Map.of("Idempotency-Key", "push-1"));
        var retry = api.postJson(
                "/api/users/" + user + "/events", Tokens.publisher(), body, Map.of("Idempotency-Key", "push-1"));
        var next = api.postJson(
                "/api/users/" + user + "/events", Tokens.publisher(), body, Map.of("Idempotency-Key", "push-2"));

        assertThat(List.of(first.status(), retry.status(), next.status())).containsOnly(202);
        assertThat(retry.body().path("seq").asLong())
                .isEqualTo(first.body().path("seq").asLong());
        assertThat(next.body().path("seq").asLong())
                .as("the retry took no seq")
                .isEqualTo(first.body().path("seq").asLong() + 1);
    }

    @Test
    void aBlankOrOverlongIdempotencyKeyIs400() {
        for (String key : List.of(" ", "k".repeat(256))) {
            var answer = api.postJson(
                    "/api/users/" + Tokens.newUserId() + "/events",
                    Tokens.publisher(),
                    "{\"runId\":\"r\",\"event\":\"agent_started\"}",
                    Map.of("Idempotency-Key", key));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).isEqualTo("invalid_request");
            assertThat(answer.body().path("message").asText()).contains("Idempotency-Key");
        }
    }

    @Test
    void aUserTokenMayNotPublishEvenToItsOwnFeed() {
        String user = Tokens.newUserId();

        var answer = publish(user, Tokens.user(user), """
                {"runId":"run-1","event":"agent_started","data":{}}""");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().path("error").asText()).isEqualTo("forbidden");
        assertThat(answer.body().path("message").asText()).contains("events:publish");
        assertThat(answer.wwwAuthenticate()).hasValue("Bearer error=\"insufficient_scope\", scope=\"events:publish\"");
    }

    @Test
    void theScopeIsCheckedBeforeTheBodySoAnUnauthorisedCallerLearnsNothingFromIt() {
        assertThat(publish(Tokens.newUserId(), Tokens.admin(), "{not json").status())
                .isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON         | {"runId":"r","event":              | malformed_request | not valid JSON
            no body                |                                    | malformed_request | needs a JSON body
            unknown event          | {"runId":"r","event":"agent_slept"} | invalid_request  | event must be one of agent_started
            no event               | {"runId":"r"}                      | invalid_request   | event must be one of
            blank runId            | {"runId":" ","event":"agent_started"} | invalid_request | runId must be a non-blank
            no runId               | {"event":"tool_executing"}         | invalid_request   | runId must be a non-blank
            data not an object     | {"runId":"r","event":"agent_started","data":[1]} | malformed_request | data
            """)
    void aMalformedOrInvalidEventIs400WithACodeAndASentence(String kind, String body, String code, String message) {
        var answer = publish(Tokens.newUserId(), Tokens.publisher(), body == null ? "" : body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo(code);
        assertThat(answer.body().path("message").asText()).contains(message);
        assertNoInternals(answer.raw());
    }

    @Test
    void aUserIdTheFeedCannotHoldIs400NotAFailure() {
        var tooLong = publish("u".repeat(251), Tokens.publisher(), "{\"runId\":\"r\",\"event\":\"agent_started\"}");
        var blank = publish("%20", Tokens.publisher(), "{\"runId\":\"r\",\"event\":\"agent_started\"}");

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("message").asText()).isEqualTo("userId must be at most 250 characters.");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().path("message").asText()).isEqualTo("userId must be a non-blank string.");
    }

    @Test
    void everyOneOfTheFiveEventNamesIsAccepted() {
        String user = Tokens.newUserId();
        for (String event :
                new String[] {"agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed"
                }) {
            var answer = publish(user, Tokens.publisher(), "{\"runId\":\"r\",\"event\":\"" + event + "\"}");
            assertThat(answer.status()).as(event).isEqualTo(202);
        }
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        var answer = api.post(
                "/api/users/" + Tokens.newUserId() + "/events", Tokens.publisher(), "text/plain", "agent_started");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.body().path("error").asText()).isEqualTo("unsupported_media_type");
    }

    private ApiClient.Response publish(String userId, String token, String json) {
        return api.postJson("/api/users/" + userId + "/events", token, json);
    }
}
