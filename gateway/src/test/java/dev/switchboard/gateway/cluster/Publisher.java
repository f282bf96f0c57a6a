package dev.switchboard.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.Tokens;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An agent backend pushing events over HTTP to whichever node it is given; remembers each user's feed head. */
public final class Publisher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token = Tokens.publisher();
    private final Map<String, Long> heads = new ConcurrentHashMap<>();

    /** @return the event's seq */
    public long push(ProcessNode node, String userId, Map<String, Object> data) {
        String body;
        try {
            body = JSON.writeValueAsString(
                    Map.of("runId", "run-process-test", "event", "agent_thinking", "data", data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        var answer = new ApiClient(node.port()).postJson("/api/users/" + userId + "/events", token, body);
        assertThat(answer.status())
                .as("publish on %s: %s", node.nodeId(), answer.raw())
                .isEqualTo(202);
        long seq = answer.body().path("seq").asLong();
        heads.merge(userId, seq, Math::max);
        return seq;
    }

    public long push(ProcessNode node, String userId) {
        return push(node, userId, Map.of());
    }

    /** The highest seq this publisher got back for the user: every client of the user must end with 1..head. */
    public long head(String userId) {
        return heads.getOrDefault(userId, 0L);
    }
}
