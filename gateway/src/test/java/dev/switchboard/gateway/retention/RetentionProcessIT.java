package dev.switchboard.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.audit.archive.Archive;
import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.gateway.cluster.ProcessNode;
import dev.switchboard.gateway.cluster.Publisher;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic retention on two nodes sharing a database and an archive directory: a feed's old events and a closed
 * connection move to the archive without anyone running a command, each row once (the advisory lock lets one node at
 * a time run), the feed's newest stays, a publish continues its seq, and the progress shows in metrics and in the
 * console's endpoint. Retention without an archive directory refuses to start.
 */
class RetentionProcessIT {

    @TempDir
    Path work;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoNodesArchiveOldEventsOneAtATimeAndReportIt() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        Path archive = work.resolve("archive");
        Map<String, String> retention = Map.of(
                "SWITCHBOARD_RETENTION_FEED", "PT3S",
                "SWITCHBOARD_RETENTION_CONNECTIONS", "PT3S",
                "SWITCHBOARD_RETENTION_INTERVAL", "1s",
                "SWITCHBOARD_ARCHIVE_DIR", archive.toString());
        ProcessNode a = ProcessNode.launch("retention-a", database, retention);
        ProcessNode b = ProcessNode.launch("retention-b", database, retention);
        Publisher publisher = new Publisher();
        String user = Tokens.newUserId();
        try {
            a.awaitReady();
            b.awaitReady();
            try (TestSocket closing = TestSocket.connect(a.port())) {
                closing.authenticate(Tokens.user(user));
            }
            for (int i = 0; i < 10; i++) {
                publisher.push(i % 2 == 0 ? a : b, user);
            }

            // a run writes a segment's manifest, marks it, then deletes its rows: wait for the deletes too, so that
            // no row is read in both places
            await("the closed connection and nine feed events are archived, and deleted from the table")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> {
                        ArchiveAndTable read = ArchiveAndTable.read(database, archive);
                        return read.archive().size() == 6 + 9 && read.inBoth().isEmpty();
                    });
            ArchiveAndTable now = ArchiveAndTable.read(database, archive);
            assertThat(now.archive())
                    .filteredOn(row -> row.aggregateIdentifier().equals("feed:" + user))
                    .extracting(ArchivedRow::sequenceNumber)
                    .containsExactlyElementsOf(LongStream.range(0, 9).boxed().toList());
            assertThat(now.table())
                    .filteredOn(row -> row.aggregateIdentifier().equals("feed:" + user))
                    .extracting(ArchivedRow::sequenceNumber)
                    .containsExactly(9L);
            assertThat(publisher.push(b, user)).isEqualTo(11);

            // seq 11 makes seq 10 old: a last run archives it. Everything below reads the state after that run, not
            // during one (a run writes its segment's file before it marks it in the database: read in between, the
            // archive holds a segment the marks do not yet name)
            await("seq 10 is archived and deleted too, and every segment is marked")
                    .atMost(Duration.ofMinutes(1))
                    .untilAsserted(() -> {
                        ArchiveAndTable read = ArchiveAndTable.read(database, archive);
                        assertThat(read.table())
                                .filteredOn(row -> row.aggregateIdentifier().equals("feed:" + user))
                                .extracting(ArchivedRow::sequenceNumber)
                                .containsExactly(10L);
                        assertThat(read.archive()).hasSize(6 + 10);
                        assertThat(read.inBoth()).isEmpty();
                        assertThat(ArchiveMarksRead.of(database))
                                .as("the database marks every segment retention wrote, with the node's archive "
                                        + "directory")
                                .containsExactlyInAnyOrderElementsOf(Archive.at(archive).segments().stream()
                                        .map(segment -> archive + " " + segment.file())
                                        .toList());
                    });
            await("each row is counted once, by the node that archived it")
                    .atMost(TestSocket.WAIT)
                    .untilAsserted(() -> assertThat(archived(a) + archived(b)).isEqualTo(16.0));
            for (ProcessNode node : List.of(a, b)) {
                ApiClient.Response status = new ApiClient(node.port()).get("/api/retention", Tokens.admin());
                assertThat(status.status()).isEqualTo(200);
                assertThat(status.body().path("enabled").asBoolean()).isTrue();
                assertThat(status.body().path("feed").asText()).isEqualTo("PT3S");
                assertThat(status.body().path("archiveDir").asText()).isEqualTo(archive.toString());
                assertThat(status.body().path("archived").asLong())
                        .as("the console's count on %s is its metric", node.nodeId())
                        .isEqualTo((long) archived(node));
                assertThat(status.body().path("lastRun").path("error").isMissingNode()
                                || status.body().path("lastRun").path("error").isNull())
                        .isTrue();
            }
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void retentionWithoutAnArchiveDirectoryRefusesToStart() throws Exception {
        ProcessNode node = ProcessNode.launch(
                "retention-no-dir", TestDatabase.shared(), Map.of("SWITCHBOARD_RETENTION_FEED", "P7D"));
        try {
            assertThat(node.process().waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(node.process().exitValue()).isNotZero();
            assertThat(Files.readString(node.log()))
                    .contains("SWITCHBOARD_RETENTION_FEED or SWITCHBOARD_RETENTION_CONNECTIONS is set but "
                            + "SWITCHBOARD_ARCHIVE_DIR is not");
        } finally {
            node.close();
        }
    }

    /** {@code switchboard_retention_archived_events_total} as the node's Prometheus endpoint shows it. */
    private static double archived(ProcessNode node) {
        String metrics = new ApiClient(node.port())
                .get("/actuator/prometheus", Tokens.admin())
                .raw();
        return metrics.lines()
                .filter(line -> line.startsWith("switchboard_retention_archived_events_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no retention metric on " + node.nodeId()));
    }
}
