package dev.switchboard.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.cluster.ProcessNode;
import dev.switchboard.gateway.cluster.Publisher;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database knows what was archived (an archive run marks its segments, and those of its directory that an older
 * run left unmarked), and the audit commands (the packaged jar, as an operator runs it) act on it:
 * after {@code archive}, those that need the whole log refuse without {@code --archive} (exit 5, naming the directory)
 * and change no registry row; with it they pass and match; with a directory that lacks the archived segments they
 * refuse too; with a damaged segment they stop with exit 6, naming its file.
 */
class ArchiveMarkProcessIT {

    @TempDir
    Path work;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void auditCommandsReadTheLogOnlyWithTheArchiveTheDatabaseMarks() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        String user = Tokens.newUserId();
        String closedId = closedConnectionWithFeed(database, user);
        Path archive = work.resolve("archive");
        Instant cutoff = Instant.now().plusMillis(5);
        await().until(() -> Instant.now().isAfter(cutoff));

        JarCommand archived = JarCommand.run(
                database, work, "archive", "archive", "--before", cutoff.toString(), "--to", archive.toString());
        assertThat(archived.exitCode()).as(archived.err()).isZero();
        List<String> marks =
                strings(database, "SELECT archive_dir || ' ' || segment_file || ' ' || events FROM archive_mark");
        String segment = onlySegment(archive);
        assertThat(marks).containsExactly(archive + " " + segment + " 8");
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM archive_mark"); // as an archive written before the marks existed
        }
        JarCommand again = JarCommand.run(
                database, work, "again", "archive", "--before", cutoff.toString(), "--to", archive.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(ArchiveMarksRead.of(database))
                .as("the next run marks the segments it finds unmarked")
                .containsExactly(archive + " " + segment);
        long upTo = number(database, "SELECT to_position FROM archive_mark");
        List<String> registry = registry(database);
        String refusal = "events up to position " + upTo + " were archived to " + archive + " on ";
        String remedy = "; pass --archive " + archive + " to read them";

        long head = number(database, "SELECT MAX(global_index) FROM domain_event_entry");
        for (List<String> command : List.of(
                List.of("verify"),
                List.of("rebuild"),
                List.of("rebuild", "--repair"),
                List.of("registry-at", "--position", Long.toString(head)),
                List.of("export-fixture", "--connection", closedId, "--name", "archived"))) {
            JarCommand refused = run(database, command);
            assertThat(refused.exitCode()).as("%s: %s", command, refused.err()).isEqualTo(5);
            assertThat(refused.err()).as("%s", command).startsWith(refusal).contains(remedy);
        }
        assertThat(registry(database)).as("no registry row dropped").isEqualTo(registry);
        JarCommand history = run(database, List.of("history", closedId));
        assertThat(history.exitCode()).isEqualTo(3);
        assertThat(history.err()).startsWith("no events for connection " + closedId + "; " + refusal);
        JarCommand timeline = run(database, List.of("timeline", "--from", "1", "--to", Long.toString(head)));
        assertThat(timeline.exitCode()).isZero();
        assertThat(timeline.err()).startsWith("note: " + refusal).contains(remedy);

        for (List<String> command : List.of(List.of("verify"), List.of("rebuild", "--repair"))) {
            JarCommand whole = run(database, with(command, "--archive", archive.toString()));
            assertThat(whole.exitCode()).as("%s: %s", command, whole.err()).isZero();
            assertThat(whole.out()).as("%s", command).startsWith("SWITCHED: ");
        }
        assertThat(registry(database)).isEqualTo(registry);
        JarCommand read = run(database, List.of("history", closedId, "--archive", archive.toString()));
        assertThat(read.exitCode()).isZero();
        assertThat(read.out()).contains("ConnectionClosed");
        assertThat(read.err()).isEmpty();

        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        JarCommand wrong = run(database, List.of("verify", "--archive", elsewhere.toString()));
        assertThat(wrong.exitCode()).as(wrong.err()).isEqualTo(5);
        assertThat(wrong.err())
                .startsWith("the archive " + elsewhere + " lacks 1 of the 1 segments the database marks archived ("
                        + segment + "): " + refusal)
                .contains("pass --archive with the directory that holds them");

        Path damaged = copyWithAChangedByte(archive, segment);
        for (List<String> command : List.of(List.of("verify"), List.of("history", closedId))) {
            JarCommand failed = run(database, with(command, "--archive", damaged.toString()));
            assertThat(failed.exitCode()).as("%s: %s", command, failed.err()).isEqualTo(6);
            assertThat(failed.err())
                    .as("%s: the progress bar may come first", command)
                    .contains("the archive is damaged: " + segment)
                    .doesNotContain("\tat ");
        }
        assertThat(registry(database)).isEqualTo(registry);
    }

    /** A user's connection, closed, and three feed events: what an archive takes, all but the feed's newest. */
    private String closedConnectionWithFeed(TestDatabase database, String user) throws Exception {
        ProcessNode node = ProcessNode.launch("archive-mark", database, Map.of());
        try {
            String closedId;
            try (TestSocket closing = TestSocket.connect(node.awaitReady().port())) {
                closedId = closing.authenticate(Tokens.user(user))
                        .path("connectionId")
                        .asText();
            }
            await("the connection is CLOSED").until(() -> strings(
                            database, "SELECT state FROM connection_registry WHERE final_id = '" + closedId + "'")
                    .equals(List.of("CLOSED")));
            var publisher = new Publisher();
            for (int i = 1; i <= 3; i++) {
                assertThat(publisher.push(node, user)).isEqualTo(i);
            }
            return closedId;
        } finally {
            node.close();
        }
    }

    private JarCommand run(TestDatabase database, List<String> command) throws Exception {
        String name = String.join("-", command).replaceAll("[^a-z-]", "") + "-" + System.nanoTime();
        return JarCommand.run(database, work, name, command.toArray(String[]::new));
    }

    private static List<String> with(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    private static String onlySegment(Path archive) throws Exception {
        try (Stream<Path> files = Files.list(archive)) {
            List<String> segments = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".jsonl.zst"))
                    .toList();
            assertThat(segments).hasSize(1);
            return segments.get(0);
        }
    }

    /** A copy of the archive whose segment has one byte changed in its middle. */
    private Path copyWithAChangedByte(Path archive, String segment) throws Exception {
        Path copy = Files.createDirectories(work.resolve("damaged"));
        try (Stream<Path> files = Files.list(archive)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        byte[] bytes = Files.readAllBytes(copy.resolve(segment));
        bytes[bytes.length / 2] ^= 1;
        Files.write(copy.resolve(segment), bytes);
        return copy;
    }

    private static List<String> registry(TestDatabase database) throws Exception {
        return strings(
                database,
                "SELECT preliminary_id || ' ' || final_id || ' ' || state || ' ' || COALESCE(user_id, '') "
                        + "FROM connection_registry ORDER BY preliminary_id");
    }

    private static long number(TestDatabase database, String sql) throws Exception {
        return Long.parseLong(strings(database, sql).get(0));
    }

    private static List<String> strings(TestDatabase database, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
