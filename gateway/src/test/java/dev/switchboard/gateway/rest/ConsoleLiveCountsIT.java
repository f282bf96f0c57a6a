package dev.switchboard.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.gateway.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code GET /api/registry/live}: the console's live counts as server-sent events, for operators only, a bounded
 * number of streams at once. The limit and the heartbeat are small here so a full node and a departed browser show
 * quickly.
 */
@TestPropertySource(properties = {"switchboard.console.max-watchers=2", "switchboard.console.heartbeat=200ms"})
class ConsoleLiveCountsIT extends ApiIntegrationTest {

    private static final String LIVE = "/api/registry/live";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void withoutATokenTheStreamIsRefused() {
        var answer = api.get(LIVE, null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("error").asText()).isEqualTo("missing_token");
    }

    @Test
    void aUserTokenMayNotWatchTheRegistry() {
        var answer = api.get(LIVE, Tokens.user(Tokens.newUserId()));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().path("message").asText()).isEqualTo("This request needs a token with scope admin.");
        assertThat(answer.wwwAuthenticate())
                .hasValueSatisfying(header -> assertThat(header).contains("scope=\"admin\""));
    }

    @Test
    void anOperatorSeesTheCountsAtOnceAndAgainWhenTheyChange() throws Exception {
        String node = "console-" + UUID.randomUUID();
        try (var stream = EventStream.open(port, LIVE, Tokens.admin())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            stream.next(event -> event.name().equals("counts"));

            commands.send(new OpenConnection(newConnectionId(), node));
            commands.send(new OpenConnection(newConnectionId(), node));

            var changed = stream.next(event -> opened(event.data(), node) == 2);
            assertThat(changed.data().path("at").asText()).isNotBlank();
        }
    }

    @Test
    void theNodeServesAtMostItsLimitOfStreamsAndABrowserThatLeavesFreesItsPlace() {
        List<EventStream> open = new ArrayList<>();
        try {
            // an earlier test's stream holds its place until the node's next write to it finds the browser gone
            await().atMost(WAIT).until(() -> {
                var stream = EventStream.open(port, LIVE, Tokens.admin());
                if (stream.status() == 200) {
                    open.add(stream);
                } else {
                    stream.close();
                }
                return open.size() == 2;
            });

            var third = api.get(LIVE, Tokens.admin());
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.body().path("error").asText()).isEqualTo("too_many_watchers");
            assertThat(third.headers().firstValue("Retry-After")).isPresent();

            open.remove(0).close();
            await().atMost(WAIT).until(() -> {
                try (var again = EventStream.open(port, LIVE, Tokens.admin())) {
                    return again.status() == 200;
                }
            });
        } finally {
            open.forEach(EventStream::close);
        }
    }

    private static long opened(JsonNode reading, String node) {
        return StreamSupport.stream(reading.path("counts").spliterator(), false)
                .filter(count -> count.path("nodeId").asText().equals(node)
                        && count.path("state").asText().equals("OPENED"))
                .mapToLong(count -> count.path("count").asLong())
                .sum();
    }
}
