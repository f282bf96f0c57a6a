package dev.switchboard.gateway.rest;

import static dev.switchboard.gateway.rest.Batches.event;
import static dev.switchboard.gateway.rest.Batches.feed;
import static dev.switchboard.gateway.rest.Batches.keyed;
import static dev.switchboard.gateway.rest.Batches.nextSeq;
import static dev.switchboard.gateway.rest.Batches.publishAll;
import static dev.switchboard.gateway.rest.Batches.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@code POST /api/events}: many agent events, of any users, in one request and one transaction. */
class BatchEventsIT extends ApiIntegrationTest {

    @Test
    void aBatchOfSeveralUsersIsAnsweredInRequestOrderWithEachUsersSeqsInOrder() {
        String alice = Tokens.newUserId();
        String bob = Tokens.newUserId();
        String carol = Tokens.newUserId();
        nextSeq(api, carol);
        nextSeq(api, carol);

        var answer = publishAll(
                api,
                List.of(
                        event(alice, "agent_started"),
                        event(bob, "agent_started"),
                        event(alice, "agent_thinking"),
                        event(carol, "agent_thinking"),
                        event(bob, "agent_completed"),
                        event(alice, "agent_completed")));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(results(answer))
                .containsExactly(alice + "#1", bob + "#1", alice + "#2", carol + "#3", bob + "#2", alice + "#3");
        assertThat(feed(api, alice))
                .extracting(e -> e.path("seq").asLong() + " " + e.path("event").asText())
                .containsExactly("1 agent_started", "2 agent_thinking", "3 agent_completed");
        assertThat(feed(api, alice).get(1).path("data"))
                .isEqualTo(Batches.JSON.createObjectNode().put("note", "agent_thinking for " + alice));
        assertThat(feed(api, bob))
                .extracting(e -> e.path("seq").asLong() + " " + e.path("event").asText())
                .containsExactly("1 agent_started", "2 agent_completed");
        assertThat(feed(api, carol))
                .extracting(e -> e.path("seq").asLong() + " " + e.path("event").asText())
                .endsWith("3 agent_thinking");
    }

    @Test
    void aThousandEventsOfTenUsersAreTakenInOneRequest() {
        List<String> users =
                LongStream.range(0, 10).mapToObj(i -> Tokens.newUserId()).toList();
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(event(users.get(i % 10), "agent_thinking").put("runId", "token-" + i));
        }

        var answer = publishAll(api, events);

        assertThat(answer.status()).isEqualTo(202);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(users.get(i % 10) + "#" + (i / 10 + 1));
        }
        assertThat(results(answer)).isEqualTo(expected);
        assertThat(feed(api, users.get(3)))
                .extracting(e -> e.path("runId").asText())
                .as("each user's events in the order of the request")
                .containsExactlyElementsOf(LongStream.range(0, 100)
                        .mapToObj(n -> "token-" + (n * 10 + 3))
                        .toList());
    }

    @Test
    void aKeyTheUsersFeedOrTheBatchAlreadyHoldsStandsForTheEarlierEvent() {
        String alice = Tokens.newUserId();
        String bob = Tokens.newUserId();
        var single = api.postJson(
                "/api/users/" + alice + "/events",
                Tokens.publisher(),
                single(alice, "agent_started"),
                Map.of("Idempotency-Key", "k1"));

        var answer = publishAll(
                api,
                List.of(
                        keyed(alice, "agent_started", "k1"),
                        keyed(alice, "agent_thinking", "k2"),
                        keyed(alice, "agent_thinking", "k2"),
                        keyed(bob, "agent_started", "k1"),
                        event(alice, "agent_completed")));
        var retriedAsSingle = api.postJson(
                "/api/users/" + alice + "/events",
                Tokens.publisher(),
                single(alice, "agent_thinking"),
                Map.of("Idempotency-Key", "k2"));

        assertThat(single.body().path("seq").asLong()).isEqualTo(1);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(results(answer))
                .as("k1 is alice's seq 1; k2 is taken once; keys are per user")
                .containsExactly(alice + "#1", alice + "#2", alice + "#2", bob + "#1", alice + "#3");
        assertThat(retriedAsSingle.body().path("seq").asLong()).isEqualTo(2);
        assertThat(feed(api, alice))
                .extracting(e -> e.path("event").asText())
                .containsExactly("agent_started", "agent_thinking", "agent_completed");
    }

    @Test
    void withoutATokenItIs401AndWithoutTheScope403BeforeTheBodyIsRead() {
        String user = Tokens.newUserId();
        String body = Batches.body(List.of(event(user, "agent_started")));

        var anonymous = api.postJson("/api/events", null, body);
        var userToken = api.postJson("/api/events", Tokens.user(user), body);
        var adminWithGarbage = api.postJson("/api/events", Tokens.admin(), "{not json");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().path("error").asText()).isEqualTo("missing_token");
        assertThat(userToken.status()).isEqualTo(403);
        assertThat(userToken.wwwAuthenticate())
                .hasValue("Bearer error=\"insufficient_scope\", scope=\"events:publish\"");
        assertThat(adminWithGarbage.status()).isEqualTo(403);
        assertThat(feed(api, user)).isEmpty();
    }

    /** The body of a single push of the same event as {@link Batches#event}: a key stands for one body. */
    private static String single(String userId, String event) {
        return Batches.event(userId, event).without("userId").toString();
    }
}
