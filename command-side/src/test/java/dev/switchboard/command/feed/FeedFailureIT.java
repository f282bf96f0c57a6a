package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.PublishAgentEvent;
import dev.switchboard.command.feed.RecordingDataSource.Commits;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A commit that fails fails every caller of its batch with the database's exception (which the gateway answers with
 * 503), and the node reads the heads of that batch's users again, whatever the commit actually did.
 */
class FeedFailureIT {

    private static final Map<String, Object> DATA = Map.of("text", "hello");

    private HikariDataSource pool;
    private RecordingDataSource database;
    private AgentEvents node;

    @BeforeEach
    void start() {
        pool = FeedDatabase.postgres().pool();
        database = new RecordingDataSource(pool);
        node = FeedDatabase.node(database.dataSource(), Clock.systemUTC(), FeedCommitListener.NONE);
    }

    @AfterEach
    void stop() throws InterruptedException {
        node.close();
        pool.close();
    }

    @Test
    void everyCallerOfAFailedCommitGetsTheDatabasesExceptionAndNothingIsStored() throws Exception {
        String user = newUser();
        String other = newUser();
        node.append(user, "run-1", "agent_started", DATA, null);
        database.commits(Commits.FAIL);

        CompletableFuture<?> single =
                CompletableFuture.runAsync(() -> node.append(other, "run-1", "agent_started", DATA, "k1"));
        assertThatThrownBy(() -> node.appendAll(List.of(publish(user, null), publish(other, null))))
                .hasRootCauseInstanceOf(SQLTransientConnectionException.class);
        assertThatThrownBy(() -> single.get(10, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(SQLTransientConnectionException.class);

        database.commits(Commits.WORK);
        assertThat(node.append(user, "run-1", "agent_thinking", DATA, null).seq())
                .isEqualTo(2);
        assertThat(node.append(other, "run-1", "agent_started", DATA, "k1").seq())
                .isEqualTo(1);
    }

    /** The push a publisher retries with its Idempotency-Key after a 503 whose commit had in fact gone through. */
    @Test
    void aCommitWhoseAnswerWasLostIsFoundByItsKeyAndTheHeadIsReadAgain() {
        String user = newUser();
        node.append(user, "run-1", "agent_started", DATA, null);
        database.commits(Commits.FAIL_AFTER_COMMITTING);
        assertThatThrownBy(() -> node.append(user, "run-1", "agent_thinking", DATA, "push-1"))
                .hasRootCauseInstanceOf(SQLTransientConnectionException.class);
        database.commits(Commits.WORK);
        database.clear();

        AgentEventPublished retried = node.append(user, "run-1", "agent_thinking", DATA, "push-1");

        assertThat(retried.seq()).isEqualTo(2);
        assertThat(database.statements())
                .as("the head was forgotten, so read before planning: no conflict, no retry")
                .first()
                .asString()
                .contains("MAX(sequence_number)");
        assertThat(node.append(user, "run-1", "agent_completed", DATA, null).seq())
                .isEqualTo(3);
    }

    private static PublishAgentEvent publish(String user, String key) {
        return new PublishAgentEvent(user, "run-1", "agent_thinking", DATA, key);
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }
}
