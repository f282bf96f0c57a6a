package dev.switchboard.bench.push;

import dev.switchboard.bench.sockets.FrameFields;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The node's publish API as an agent platform calls it, with a token of scope {@code events:publish}: one event for
 * one user, or a batch of events for any users.
 */
public final class Publish {

    private Publish() {}

    /** {@code POST /api/users/{userId}/events} of an {@code agent_thinking} event carrying {@code data}. */
    public static HttpRequest one(URI base, String token, String userId, String data, Duration timeout) {
        return post(
                base.resolve("/api/users/" + userId + "/events"),
                token,
                "{\"runId\":\"bench\",\"event\":\"agent_thinking\",\"data\":" + data + "}",
                timeout);
    }

    /** {@code POST /api/events} with a body {@code {"events":[{"userId",...}, ...]}}. */
    static HttpRequest batch(URI base, String token, String body, Duration timeout) {
        return post(base.resolve("/api/events"), token, body, timeout);
    }

    /** One element of a batch's {@code events}, the same event {@link #one} sends. */
    static void batchEvent(StringBuilder body, String userId, String data) {
        body.append("{\"userId\":\"")
                .append(userId)
                .append("\",\"runId\":\"bench\",\"event\":\"agent_thinking\",\"data\":")
                .append(data)
                .append('}');
    }

    /** The seq of a 202 answer {@code {"seq":N}}; {@link FrameFields#ABSENT} when it has none. */
    static long seq(String answer) {
        return FrameFields.number(answer, "\"seq\":");
    }

    private static HttpRequest post(URI uri, String token, String body, Duration timeout) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
