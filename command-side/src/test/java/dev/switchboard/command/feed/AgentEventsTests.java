package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a publisher sees of a feed: the behaviours the feed aggregate had, and batches. Run on PostgreSQL and on the
 * embedded H2 by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgentEventsTests {

    private static final Map<String, Object> DATA = Map.of("tool", "search");

    private FeedDatabase databaseInUse;
    private HikariDataSource pool;
    private AgentEvents node;

    abstract FeedDatabase database();

    @BeforeAll
    void start() {
        databaseInUse = database();
        pool = databaseInUse.pool();
        node = FeedDatabase.node(pool, Clock.systemUTC(), FeedCommitListener.NONE);
    }

    @AfterAll
    void stop() throws InterruptedException {
        node.close();
        pool.close();
    }

    @Test
    void eachUsersEventsAreNumberedFromOneInTheOrderTheyArePublished() {
        String ann = newUser();
        String ben = newUser();
        List<String> numbered = new ArrayList<>();
        for (String user : List.of(ann, ben, ann, ann, ben)) {
            AgentEventPublished stored = node.append(user, "run-1", "agent_thinking", DATA, null);
            numbered.add((user.equals(ann) ? "ann:" : "ben:") + stored.seq());
        }

        assertThat(numbered).containsExactly("ann:1", "ben:1", "ann:2", "ann:3", "ben:2");
    }

    @Test
    void aReplayedIdempotencyKeyReturnsTheEarlierEventAndAppendsNothing() throws SQLException {
        String user = newUser();
        AgentEventPublished first = node.append(user, "run-1", "agent_started", DATA, "k1");
        node.append(user, "run-1", "agent_thinking", DATA, "k2");

        AgentEventPublished again = node.append(user, "run-1", "agent_started", DATA, "k1");

        assertThat(again).isEqualTo(first);
        assertThat(storedEvents(user)).isEqualTo(2);
        assertThat(node.append(user, "run-1", "agent_completed", DATA, null).seq())
                .isEqualTo(3);
    }

    @Test
    void aNodeThatNeverSawTheUserFindsItsKeyAndItsHeadInTheLog() throws Exception {
        String user = newUser();
        AgentEventPublished first = node.append(user, "run-1", "agent_started", DATA, "k1");
        node.append(user, "run-1", "agent_thinking", DATA, null);

        try (AgentEvents cold = FeedDatabase.node(pool, Clock.systemUTC(), FeedCommitListener.NONE)) {
            assertThat(cold.append(user, "run-1", "agent_started", DATA, "k1")).isEqualTo(first);
            assertThat(cold.append(user, "run-1", "agent_completed", DATA, "k3").seq())
                    .isEqualTo(3);
        }
    }

    /** The aggregate forgot a key after 1,000 newer ones; the key table keeps every key. */
    @Test
    void anIdempotencyKeyOlderThanAThousandNewerOnesIsStillRecognised() throws Exception {
        String user = newUser();
        List<PublishAgentEvent> history = IntStream.rangeClosed(1, 1_001)
                .mapToObj(n -> new PublishAgentEvent(user, "run-1", "agent_thinking", DATA, "k" + n))
                .toList();
        AgentEventPublished first = node.appendAll(history).get(0);

        assertThat(node.append(user, "run-1", "agent_thinking", DATA, "k1")).isEqualTo(first);
        assertThat(storedEvents(user)).isEqualTo(1_001);
    }

    @Test
    void aBatchOfSeveralUsersIsAnsweredInRequestOrderEachUserNumberedInOrder() throws SQLException {
        String ann = newUser();
        String ben = newUser();
        node.append(ben, "run-0", "agent_started", DATA, null);

        List<AgentEventPublished> stored = node.appendAll(List.of(
                publish(ann, "agent_started", "a1"),
                publish(ben, "agent_thinking", null),
                publish(ann, "agent_thinking", null),
                publish(ann, "agent_started", "a1"),
                publish(ben, "agent_completed", null)));

        assertThat(stored)
                .extracting(e -> e.userId().equals(ann) ? "ann:" + e.seq() : "ben:" + e.seq())
                .containsExactly("ann:1", "ben:2", "ann:2", "ann:1", "ben:3");
        assertThat(storedEvents(ann)).isEqualTo(2);
    }

    @Test
    void oneInvalidEventRefusesTheWholeBatchBeforeAnythingIsAppended() throws SQLException {
        String user = newUser();
        List<PublishAgentEvent> batch = List.of(
                publish(user, "agent_started", null),
                publish(user, "agent_exploded", null),
                publish(user, "agent_completed", null));

        assertThatThrownBy(() -> node.appendAll(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent_exploded");
        assertThat(storedEvents(user)).isZero();
    }

    private int storedEvents(String user) throws SQLException {
        try (var connection = databaseInUse.connect();
                var count = connection.prepareStatement(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            count.setString(1, "feed:" + user);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static PublishAgentEvent publish(String user, String event, String key) {
        return new PublishAgentEvent(user, "run-1", event, DATA, key);
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }
}
