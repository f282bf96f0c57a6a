package dev.switchboard.command.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A publish costs the same after 100,000 events of its user as the user's first, on a node that has never seen the
 * user: one read of the stream's head through the event table's unique index, one insert, one commit.
 */
class ColdHeadIT {

    private static final int HISTORY = 100_000;

    private final FeedDatabase database = FeedDatabase.postgres();

    @Test
    void aColdPublishAfterAHundredThousandEventsRunsTheStatementsOfAUsersFirst() throws Exception {
        String longFeed = "user-" + UUID.randomUUID();
        String newFeed = "user-" + UUID.randomUUID();
        fillFeed(longFeed);

        List<String> afterHistory = new ArrayList<>();
        List<String> first = new ArrayList<>();
        assertThat(coldPublish(longFeed, afterHistory)).isEqualTo(HISTORY + 1);
        assertThat(coldPublish(newFeed, first)).isEqualTo(1);

        assertThat(afterHistory)
                .as("the head's read and the event's insert")
                .hasSize(2)
                .isEqualTo(first);
    }

    @Test
    void theHeadIsReadFromTheEndOfTheStreamsIndex() throws Exception {
        String longFeed = "user-" + UUID.randomUUID();
        fillFeed(longFeed);

        try (Connection connection = database.connect();
                var explain = connection.prepareStatement("EXPLAIN " + FeedRows.LAST_SEQUENCE)) {
            explain.setString(1, longFeed);
            explain.setString(2, "feed:" + longFeed);
            StringBuilder plan = new StringBuilder();
            try (var rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString())
                    .containsPattern("Index (Only )?Scan Backward using domain_event_entry_stream")
                    .contains("Limit")
                    .doesNotContain("Seq Scan");
        }
    }

    /** Through a fresh node, whose head cache is empty; returns the seq and records the statements it prepared. */
    private long coldPublish(String user, List<String> statements) throws InterruptedException {
        try (HikariDataSource pool = database.pool()) {
            RecordingDataSource recorded = new RecordingDataSource(pool);
            try (AgentEvents node =
                    FeedDatabase.node(recorded.dataSource(), Clock.systemUTC(), FeedCommitListener.NONE)) {
                long seq = node.append(user, "run-1", "agent_thinking", Map.of(), null)
                        .seq();
                statements.addAll(recorded.statements());
                return seq;
            }
        }
    }

    /** Rows of the right stream and sequence; their payloads are never read here. */
    private void fillFeed(String user) throws SQLException {
        try (Connection connection = database.connect();
                var insert = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier, "
                        + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, "
                        + "payload, meta_data) SELECT ? || n, ?, n, 'AgentFeed', '2026-01-01T00:00:00.000Z', "
                        + "'dev.switchboard.api.feed.AgentEventPublished', '1', convert_to('{}', 'UTF8'), "
                        + "convert_to('{}', 'UTF8') FROM generate_series(0, ?) AS n");
                var analyze = connection.createStatement()) {
            insert.setString(1, user + "-");
            insert.setString(2, "feed:" + user);
            insert.setInt(3, HISTORY - 1);
            insert.executeUpdate();
            analyze.execute("ANALYZE domain_event_entry");
        }
    }
}
