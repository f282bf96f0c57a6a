package dev.switchboard.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.feed.AgentEvents;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.feed.FeedTails;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The batched read of many users' new events that cross-node delivery and the sweep make once per turn. */
class FeedTailsIT extends PostgresIntegrationTest {

    @Autowired
    FeedTails tails;

    @Autowired
    AgentEvents feed;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HikariDataSource pool;

    @Test
    void eachUserGetsItsOwnEventsAfterItsOwnSeqInOrderUpToTheLimit() {
        String none = Tokens.newUserId();
        String few = Tokens.newUserId();
        String many = Tokens.newUserId();
        publish(few, 3);
        publish(many, 100);

        Map<String, List<AgentEventPublished>> read = tails.after(Map.of(none, 0L, few, 1L, many, 50L), 10);

        assertThat(read.get(none)).isEmpty();
        assertThat(read.get(few)).extracting(AgentEventPublished::seq).containsExactly(2L, 3L);
        assertThat(read.get(few)).extracting(AgentEventPublished::userId).containsOnly(few);
        assertThat(read.get(many))
                .extracting(AgentEventPublished::seq)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(51, 60).mapToObj(Long::valueOf).toList());
        assertThat(read.get(many).get(0).data()).containsEntry("step", 50);
    }

    @Test
    void moreUsersThanOneStatementHoldsAreAllRead() {
        Map<String, Long> after = new HashMap<>();
        List<PublishAgentEvent> events = IntStream.range(0, 150)
                .mapToObj(i -> new PublishAgentEvent(Tokens.newUserId(), "run-tails", "agent_thinking", Map.of(), null))
                .toList();
        feed.appendAll(events);
        events.forEach(event -> after.put(event.userId(), 0L));

        Map<String, List<AgentEventPublished>> read = tails.after(after, 5);

        assertThat(read).hasSize(150);
        read.forEach((user, tail) -> assertThat(tail)
                .extracting(AgentEventPublished::seq)
                .as("the tail of %s", user)
                .containsExactly(1L));
    }

    /** A row this node would need an upcaster to read leaves its user to the event store's read, which upcasts. */
    @Test
    void aUserWithARowOfAnotherRevisionIsLeftOut() {
        String current = Tokens.newUserId();
        String older = Tokens.newUserId();
        publish(current, 2);
        publish(older, 2);
        jdbc.update(
                "UPDATE domain_event_entry SET payload_revision = '0' WHERE aggregate_identifier = ? "
                        + "AND sequence_number = 1",
                FeedIds.of(older));

        Map<String, List<AgentEventPublished>> read = tails.after(Map.of(current, 0L, older, 0L), 10);

        assertThat(read).containsOnlyKeys(current);
        assertThat(read.get(current)).hasSize(2);
    }

    /** The group commit's JDBC batch goes to the server as multi-row inserts on every node's PostgreSQL pool. */
    @Test
    void theNodesPoolRewritesBatchedInserts() {
        assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
    }

    private void publish(String user, int count) {
        for (int i = 0; i < count; i++) {
            feed.append(user, "run-tails", "agent_thinking", Map.of("step", i), null);
        }
    }
}
