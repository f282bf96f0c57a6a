package dev.switchboard.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.feed.FeedIds;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that resumes from a seq whose events the archive has taken out of the log learns exactly which it can no
 * longer get ({@code gap} right after {@code ready}), then gets every event the log still holds, in order, once; a
 * {@code lastSeq} beyond the feed's head is an error it is told of. The test deletes a feed's oldest rows as the
 * archive does, through the real database, and talks to the node through a real WebSocket client.
 */
class FeedGapIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AgentEventPublisher publisher;

    @Test
    void aResumeFromBeforeTheArchivedEventsGetsTheGapThenEachHeldEventOnceThenLiveOnes() throws SQLException {
        String user = Tokens.newUserId();
        push(user, 10);
        archiveUpTo(user, 6);

        try (TestSocket socket = resume(user, 2)) {
            assertThat(socket.expect("ready").path("lastSeq").asLong()).isEqualTo(10);
            JsonNode gap = socket.next();
            assertThat(gap.path("type").asText()).isEqualTo("gap");
            assertThat(gap.path("fromSeq").asLong()).isEqualTo(3);
            assertThat(gap.path("toSeq").asLong()).isEqualTo(6);
            assertThat(ListeningNode.seqs(socket, 4)).containsExactlyElementsOf(range(7, 10));
            push(user, 2);
            assertThat(ListeningNode.seqs(socket, 2)).containsExactly(11L, 12L);
            socket.expectNothingQueued();
        }
    }

    @Test
    void whenOnlyTheHeadIsLeftAResumeFromZeroIsToldAllButTheHeadIsGone() throws SQLException {
        String user = Tokens.newUserId();
        push(user, 5);
        archiveUpTo(user, 4);

        try (TestSocket socket = resume(user, 0)) {
            assertThat(socket.expect("ready").path("lastSeq").asLong()).isEqualTo(5);
            JsonNode gap = socket.expect("gap");
            assertThat(List.of(gap.path("fromSeq").asLong(), gap.path("toSeq").asLong()))
                    .containsExactly(1L, 4L);
            assertThat(ListeningNode.seqs(socket, 1)).containsExactly(5L);
            socket.expectNothingQueued();
        }
    }

    /** Axon reads a stream in batches of 100 positions and stops at an empty one: a longer gap must not end the read. */
    @Test
    void aGapLongerThanOneReadBatchIsAnnouncedAndTheHeldEventsFollow() throws SQLException {
        String user = Tokens.newUserId();
        push(user, 260);
        archiveUpTo(user, 250);

        try (TestSocket socket = resume(user, 3)) {
            assertThat(socket.expect("ready").path("lastSeq").asLong()).isEqualTo(260);
            JsonNode gap = socket.expect("gap");
            assertThat(List.of(gap.path("fromSeq").asLong(), gap.path("toSeq").asLong()))
                    .containsExactly(4L, 250L);
            assertThat(ListeningNode.seqs(socket, 10)).containsExactlyElementsOf(range(251, 260));
            socket.expectNothingQueued();
        }
    }

    @Test
    void aResumeFromTheLastArchivedSeqOrLaterGetsNoGap() throws SQLException {
        String user = Tokens.newUserId();
        push(user, 8);
        archiveUpTo(user, 5);

        try (TestSocket socket = resume(user, 5)) {
            socket.expect("ready");
            assertThat(ListeningNode.seqs(socket, 3)).containsExactly(6L, 7L, 8L);
            socket.expectNothingQueued();
        }
    }

    @Test
    void aLastSeqBeyondTheHeadIsAnErrorAndTheFeedGoesOnAfterTheHead() {
        String user = Tokens.newUserId();
        push(user, 3);

        try (TestSocket socket = resume(user, 9)) {
            assertThat(socket.expect("ready").path("lastSeq").asLong()).isEqualTo(3);
            JsonNode error = socket.next();
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo("bad_request");
            assertThat(error.path("message").asText())
                    .isEqualTo("lastSeq 9 is beyond the newest event of this feed (seq 3); the feed goes on after seq"
                            + " 3, as ready says: set your cursor to it");
            push(user, 1);
            assertThat(ListeningNode.seqs(socket, 1)).containsExactly(4L);
            socket.expectNothingQueued();
        }
    }

    /** The read that finds the oldest held event after a cursor is a range of the event table's unique key. */
    @Test
    void theOldestHeldEventAfterACursorIsFoundThroughTheStreamIndex() throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
                var statement = connection.createStatement()) {
            // The shared test log is small and its statistics change with the tests that ran before: the planner may
            // then prefer a bitmap scan and a sort. What must hold at any size is that the stream index serves the
            // range in order, with no sort.
            statement.execute("SET enable_seqscan = off");
            statement.execute("SET enable_bitmapscan = off");
            List<String> plan = new ArrayList<>();
            try (var result = statement.executeQuery("EXPLAIN SELECT * FROM domain_event_entry "
                    + "WHERE aggregate_identifier = 'feed:u' AND sequence_number >= 5 ORDER BY sequence_number ASC "
                    + "LIMIT 500")) {
                while (result.next()) {
                    plan.add(result.getString(1));
                }
            }
            assertThat(String.join("\n", plan))
                    .contains("Index Scan using domain_event_entry_stream")
                    .doesNotContain("Sort");
        }
    }

    private TestSocket resume(String user, long lastSeq) {
        TestSocket socket = TestSocket.connect(port);
        socket.expect("welcome");
        socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(user) + "\",\"lastSeq\":" + lastSeq + "}");
        return socket;
    }

    /** What the archive leaves of a feed: its rows from seq {@code lastArchived} + 1 on (stream position = seq - 1). */
    private static void archiveUpTo(String user, long lastArchived) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
                var delete = connection.prepareStatement(
                        "DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number < ?")) {
            delete.setString(1, FeedIds.of(user));
            delete.setLong(2, lastArchived);
            assertThat(delete.executeUpdate()).isEqualTo(lastArchived);
        }
    }

    private void push(String user, int count) {
        for (int i = 0; i < count; i++) {
            publisher.publish(user, "run-gap", "agent_thinking", Map.of("step", i));
        }
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
