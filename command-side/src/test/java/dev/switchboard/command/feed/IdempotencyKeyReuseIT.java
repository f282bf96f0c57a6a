package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * On PostgreSQL, across transactions and nodes: a key the log holds is answered with its event only for the same body;
 * another body is refused with nothing appended, a batch carrying it whole; a key from before V8 keeps its old answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyKeyReuseIT {

    private static final Map<String, Object> DATA = Map.of("tool", "search");

    private final FeedDatabase database = FeedDatabase.postgres();
    private HikariDataSource pool;
    private AgentEvents node;

    @BeforeAll
    void start() {
        pool = database.pool();
        node = FeedDatabase.node(pool, Clock.systemUTC(), FeedCommitListener.NONE);
    }

    @AfterAll
    void stop() throws InterruptedException {
        node.close();
        pool.close();
    }

    @Test
    void aKeySentAgainWithAnotherBodyIsRefusedOnAnyNodeAndAppendsNothing() throws Exception {
        String user = newUser();
        AgentEventPublished first = node.append(user, "run-1", "agent_started", DATA, "k1");

        assertThatThrownBy(() -> node.append(user, "run-2", "agent_started", DATA, "k1"))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        try (AgentEvents cold = FeedDatabase.node(pool, Clock.systemUTC(), FeedCommitListener.NONE)) {
            assertThatThrownBy(() -> cold.append(user, "run-1", "agent_started", Map.of("tool", "other"), "k1"))
                    .isInstanceOf(IdempotencyKeyReusedException.class);
            assertThat(cold.append(user, "run-1", "agent_started", DATA, "k1")).isEqualTo(first);
        }
        assertThat(node.append(user, "run-1", "agent_completed", DATA, null).seq())
                .isEqualTo(2);
    }

    @Test
    void aBatchWithOneReusedKeyIsRefusedWhole() throws SQLException {
        String ann = newUser();
        String ben = newUser();
        node.append(ann, "run-1", "agent_started", DATA, "a1");

        assertThatThrownBy(() -> node.appendAll(List.of(
                        new PublishAgentEvent(ben, "run-1", "agent_started", DATA, null),
                        new PublishAgentEvent(ann, "run-1", "agent_thinking", DATA, "a1"))))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .extracting(e -> ((IdempotencyKeyReusedException) e).userId())
                .isEqualTo(ann);
        assertThat(stored(ben)).isZero();
        assertThat(stored(ann)).isEqualTo(1);
    }

    @Test
    void aKeyStoredBeforeBodiesWereFingerprintedIsAnsweredWithItsEventWhateverTheBody() throws SQLException {
        String user = newUser();
        AgentEventPublished first = node.append(user, "run-1", "agent_started", DATA, "k1");
        try (var connection = database.connect();
                var forget = connection.prepareStatement(
                        "UPDATE feed_idempotency_key SET body_sha256 = NULL WHERE user_id = ?")) {
            forget.setString(1, user);
            assertThat(forget.executeUpdate()).isEqualTo(1);
        }

        assertThat(node.append(user, "run-9", "agent_completed", Map.of(), "k1"))
                .isEqualTo(first);
        assertThat(stored(user)).isEqualTo(1);
    }

    private int stored(String user) throws SQLException {
        try (var connection = database.connect();
                var count = connection.prepareStatement(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            count.setString(1, "feed:" + user);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }
}
