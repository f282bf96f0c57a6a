package dev.switchboard.gateway.rest;

import static dev.switchboard.gateway.rest.Batches.event;
import static dev.switchboard.gateway.rest.Batches.nextSeq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.command.feed.AgentEvents;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A feed writer that is behind refuses publishes at once: 503 {@code overloaded} with a {@code Retry-After} over
 * HTTP, an {@code error overloaded} for a WebSocket message whose run it refused. Nothing refused is appended, and
 * nothing taken is lost.
 */
class PublishOverloadIT extends SmallPublishLimitsTest {

    @Autowired
    AgentEvents feed;

    HeldFeedWriter writer;

    @BeforeEach
    void aWriterFarBehind() throws Exception {
        writer = HeldFeedWriter.behind(feed, api);
    }

    @AfterEach
    void release() throws Exception {
        writer.close();
    }

    @Test
    void aBatchIsRefusedWith503OverloadedAndARetryAfterAndNothingOfItIsAppended() throws Exception {
        String user = Tokens.newUserId();

        var answer = Batches.publishAll(api, List.of(event(user, "agent_started"), event(user, "agent_thinking")));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().path("error").asText()).isEqualTo("overloaded");
        assertThat(answer.body().path("message").asText()).contains("nothing of this request was appended");
        assertThat(answer.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        writer.close();
        assertThat(nextSeq(api, user)).as("nothing of the refused batch").isEqualTo(1);
    }

    @Test
    void aSinglePushIsRefusedTheSameWay() throws Exception {
        String user = Tokens.newUserId();

        var answer = api.postJson("/api/users/" + user + "/events", Tokens.publisher(), """
                {"runId":"run-1","event":"agent_started"}""");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().path("error").asText()).isEqualTo("overloaded");
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        writer.close();
        assertThat(nextSeq(api, user)).isEqualTo(1);
    }

    @Test
    void aMessageWhoseRunTheFeedRefusesIsAnsweredWithAnOverloadedError() {
        String user = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.authenticate(Tokens.user(user));

            socket.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"hello\"}");

            String runId = socket.expect("ack").path("runId").asText();
            JsonNode error = socket.expect("error");
            assertThat(error.path("code").asText()).isEqualTo("overloaded");
            assertThat(error.path("id").asText()).isEqualTo("m1");
            assertThat(error.path("message").asText()).contains(runId, "agent_started", "not stored");
        }
    }
}
