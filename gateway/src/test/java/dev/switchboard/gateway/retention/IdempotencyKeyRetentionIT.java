package dev.switchboard.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.feed.AgentEventPublisher;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code SWITCHBOARD_RETENTION_IDEMPOTENCY_KEYS}: a retention round deletes the feed's idempotency keys stored longer
 * ago than the period and keeps the others; a retry under a deleted key is a new event, under a kept one the earlier
 * seq. No archive directory is needed for it.
 */
class IdempotencyKeyRetentionIT extends PostgresIntegrationTest {

    @DynamicPropertySource
    static void keysForAnHour(DynamicPropertyRegistry registry) {
        registry.add("switchboard.retention.idempotency-keys", () -> "PT1H");
        registry.add("switchboard.retention.interval", () -> "1h"); // the test runs the round itself
    }

    @Autowired
    AgentEventPublisher publisher;

    @Autowired
    RetentionJob job;

    @Autowired
    RetentionStatus status;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Test
    void keysOlderThanTheirPeriodGoAndARetryUnderOneIsANewEvent() {
        String user = Tokens.newUserId();
        publisher.publish(user, "run-1", "agent_started", Map.of(), "old-1");
        publisher.publish(user, "run-1", "agent_thinking", Map.of(), "old-2");
        long kept = publisher.publish(user, "run-1", "tool_executing", Map.of(), "kept");
        jdbc.update(
                "UPDATE feed_idempotency_key SET stored_at = stored_at - INTERVAL '2 hours' "
                        + "WHERE user_id = ? AND idempotency_key LIKE 'old-%'",
                user);
        double deletedBefore = status.keysDeletedTotal();

        job.runOnce();

        assertThat(jdbc.queryForList(
                        "SELECT idempotency_key FROM feed_idempotency_key WHERE user_id = ?", String.class, user))
                .containsExactly("kept");
        assertThat(status.keysDeletedTotal() - deletedBefore).isEqualTo(2);
        assertThat(publisher.publish(user, "run-1", "tool_executing", Map.of(), "kept"))
                .as("a retry under a kept key: the earlier event's seq, nothing appended")
                .isEqualTo(kept);
        assertThat(publisher.publish(user, "run-1", "agent_started", Map.of(), "old-1"))
                .as("a retry under a deleted key: appended as a new event")
                .isEqualTo(kept + 1);

        var page = new ApiClient(port).get("/api/retention", Tokens.admin()).body();
        assertThat(page.path("enabled").asBoolean())
                .as("no events are archived")
                .isFalse();
        assertThat(page.path("idempotencyKeys").asText()).isEqualTo("PT1H");
        assertThat(page.path("idempotencyKeysDeleted").asLong()).isGreaterThanOrEqualTo(2);
    }
}
