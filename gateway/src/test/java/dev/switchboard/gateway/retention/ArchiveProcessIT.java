package dev.switchboard.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.gateway.cluster.ProcessNode;
import dev.switchboard.gateway.cluster.Publisher;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive command against a node's own log while the node runs: it takes a closed connection's whole history and
 * all but the newest event of each feed, never an open connection's events; the open connection keeps receiving, and a
 * publish afterwards continues each feed's seq with no reuse. Run again, it takes only what became archivable since
 * (a feed's former newest event), and then nothing.
 */
class ArchiveProcessIT {

    @TempDir
    Path work;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void archivesWhatRetentionAllowsWhileTheNodeKeepsServing() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        ProcessNode node = ProcessNode.launch("archive", database, Map.of());
        Publisher publisher = new Publisher();
        String gone = Tokens.newUserId();
        String staying = Tokens.newUserId();
        try (TestSocket live = TestSocket.connect(node.awaitReady().port())) {
            live.authenticate(Tokens.user(staying));
            String closedId;
            try (TestSocket closing = TestSocket.connect(node.port())) {
                closedId = closing.authenticate(Tokens.user(gone))
                        .path("connectionId")
                        .asText();
            }
            await("the closed connection is CLOSED")
                    .until(() -> stateOf(database, closedId).equals("CLOSED"));
            for (int i = 1; i <= 5; i++) {
                assertThat(publisher.push(node, gone)).isEqualTo(i);
                assertThat(publisher.push(node, staying)).isEqualTo(i);
            }
            assertThat(live.next(5))
                    .extracting(frame -> frame.path("seq").asLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L);
            List<ArchivedRow> before =
                    ArchiveAndTable.read(database, work.resolve("none")).table();
            Instant cutoff = Instant.now().plusMillis(5);
            await().until(() -> Instant.now().isAfter(cutoff));

            String output = archive(database, cutoff, "first");

            ArchiveAndTable after = ArchiveAndTable.read(database, work.resolve("archive"));
            after.holdExactly(before);
            List<String> closedStreams = streamsOf(database, gone);
            List<String> openStreams = streamsOf(database, staying);
            List<ArchivedRow> expected = before.stream()
                    .filter(row -> closedStreams.contains(row.aggregateIdentifier())
                            || (row.aggregateIdentifier().startsWith("feed:") && row.sequenceNumber() < 4))
                    .toList();
            assertThat(closedStreams).hasSize(2);
            assertThat(after.archive()).containsExactlyElementsOf(expected).hasSize(6 + 8);
            assertThat(output).contains("archived " + expected.size() + " events");
            assertThat(after.table())
                    .filteredOn(row -> row.aggregateIdentifier().startsWith("feed:"))
                    .extracting(ArchivedRow::sequenceNumber)
                    .as("each feed keeps its newest event")
                    .containsExactly(4L, 4L);
            assertThat(after.table())
                    .extracting(ArchivedRow::aggregateIdentifier)
                    .as("the open connection's events all stay")
                    .containsAll(openStreams)
                    .hasSize(before.size() - expected.size());

            assertThat(publisher.push(node, gone))
                    .as("the next seq after archiving")
                    .isEqualTo(6);
            assertThat(publisher.push(node, staying)).isEqualTo(6);
            assertThat(live.next().path("seq").asLong()).isEqualTo(6);

            List<ArchivedRow> formerNewest = before.stream()
                    .filter(row -> row.aggregateIdentifier().startsWith("feed:") && row.sequenceNumber() == 4)
                    .toList();
            assertThat(archive(database, cutoff, "second"))
                    .as("the second run takes only the feeds' former newest events, older than the cutoff")
                    .contains("archived 2 events");
            ArchiveAndTable again = ArchiveAndTable.read(database, work.resolve("archive"));
            assertThat(again.archive())
                    .containsAll(after.archive())
                    .containsAll(formerNewest)
                    .hasSize(after.archive().size() + 2);
            assertThat(archive(database, cutoff, "third")).contains("archived 0 events");
        } finally {
            node.close();
        }
    }

    private String archive(TestDatabase database, Instant before, String name) throws Exception {
        Process run = ArchiveCommandProcess.start(
                database,
                work,
                name,
                Map.of(),
                "--before",
                before.toString(),
                "--to",
                work.resolve("archive").toString());
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue())
                .as(Files.readString(work.resolve(name + ".err")))
                .isZero();
        return Files.readString(work.resolve(name + ".out"));
    }

    /** The preliminary and final id of the user's connection: its two streams. */
    private static List<String> streamsOf(TestDatabase database, String userId) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT preliminary_id, final_id FROM connection_registry WHERE user_id = ?")) {
            statement.setString(1, userId);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                return List.of(row.getString(1), row.getString(2));
            }
        }
    }

    private static String stateOf(TestDatabase database, String connectionId) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT state FROM connection_registry WHERE preliminary_id = ? OR final_id = ?")) {
            statement.setString(1, connectionId);
            statement.setString(2, connectionId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : "";
            }
        }
    }
}
