package dev.switchboard.gateway.rest;

import static dev.switchboard.gateway.rest.Batches.event;
import static dev.switchboard.gateway.rest.Batches.keyed;
import static dev.switchboard.gateway.rest.Batches.nextSeq;
import static dev.switchboard.gateway.rest.Batches.publishAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An idempotency key stands for one event: sent again with another body it is refused with 409
 * {@code idempotency_key_reused}, never answered with the earlier event's seq, and nothing is appended.
 */
class IdempotencyKeyReusedIT extends ApiIntegrationTest {

    @Test
    void aPushThatReusesItsKeyForAnotherEventIs409AndTheSameEventStillGetsItsSeq() {
        String user = Tokens.newUserId();
        String started = "{\"runId\":\"run-1\",\"event\":\"agent_started\",\"data\":{\"model\":\"m1\",\"n\":1}}";
        String sameReordered = "{\"data\":{\"n\":1,\"model\":\"m1\"},\"event\":\"agent_started\",\"runId\":\"run-1\"}";
        String completed = "{\"runId\":\"run-1\",\"event\":\"agent_completed\"}";

        var first = push(user, started, "k1");
        var reused = push(user, completed, "k1");
        var retried = push(user, sameReordered, "k1");

        assertThat(first.status()).isEqualTo(202);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body().path("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(reused.body().path("message").asText()).startsWith("The Idempotency-Key header was sent before");
        assertThat(reused.body().has("seq")).isFalse();
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.body().path("seq").asLong())
                .isEqualTo(first.body().path("seq").asLong());
        assertThat(nextSeq(api, user)).as("only the first push was appended").isEqualTo(2);
    }

    @Test
    void aBatchThatReusesAKeyOfTheFeedForAnotherEventIs409NamingItAndAppendsNothing() {
        String alice = Tokens.newUserId();
        String bob = Tokens.newUserId();
        assertThat(publishAll(api, List.of(keyed(alice, "agent_started", "a1"))).status())
                .isEqualTo(202);

        var answer = publishAll(
                api,
                List.of(
                        event(bob, "agent_started"),
                        keyed(alice, "agent_thinking", "a1"),
                        event(alice, "agent_completed")));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().path("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(answer.body().path("message").asText()).startsWith("events[1].idempotencyKey was sent before");
        assertThat(nextSeq(api, bob)).as("the batch was refused whole").isEqualTo(1);
        assertThat(nextSeq(api, alice)).isEqualTo(2);
    }

    @Test
    void aBatchCarryingOneKeyTwiceForTwoEventsIs409NamingTheSecond() {
        String alice = Tokens.newUserId();

        var answer = publishAll(
                api,
                List.of(
                        keyed(alice, "agent_started", "a1"),
                        event(alice, "agent_thinking"),
                        keyed(alice, "agent_completed", "a1")));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().path("message").asText()).startsWith("events[2].idempotencyKey was sent before");
        assertThat(nextSeq(api, alice)).isEqualTo(1);
    }

    private ApiClient.Response push(String user, String body, String key) {
        return api.postJson("/api/users/" + user + "/events", Tokens.publisher(), body, Map.of("Idempotency-Key", key));
    }
}
