package dev.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.audit.ArchiveNotice;
import dev.switchboard.gateway.feed.AgentEventPublisher;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.ArchiveAsTheArchiveDoes;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.Tokens;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit commands read an archive and the event table as one log: a real archive of a real log (the format's own
 * writer, two segments, the archived rows deleted from the table but one, as a crash between a manifest and its delete
 * leaves it), and every command's output with {@code --archive} equals its output before the archive ran, table and
 * JSON alike. Without it, the commands that need the whole log refuse with exit code 5, naming the archive; those that
 * show what they find add a note, as the node (which has no archive directory here) does in a response header. And a
 * connection whose events are in one segment of several
 * (each segment's stream index names it there only) reads as before.
 */
class ArchiveReadIT extends PostgresIntegrationTest {

    private static final Instant EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

    @Autowired
    ConnectionCommands commands;

    @Autowired
    AgentEventPublisher publisher;

    @TempDir
    Path archive;

    @LocalServerPort
    int port;

    @Test
    void everyAuditCommandWithTheArchiveSaysWhatItSaidBeforeTheArchiveRan() throws Exception {
        long first = head() + 1;
        String user = Tokens.newUserId();
        String closed = "archived-" + UUID.randomUUID();
        String open = "kept-" + UUID.randomUUID();
        commands.send(new OpenConnection(closed, "node-a", "10.0.0.9"));
        commands.send(new AuthenticateConnection(closed, user, EXPIRY));
        commands.send(new MigrateConnectionId(closed, closed + "-f"));
        commands.send(new MarkConnectionReady(closed));
        for (int i = 0; i < 4; i++) {
            publisher.publish(user, "run-archived", "agent_thinking", Map.of("step", i));
        }
        commands.send(new OpenConnection(open, "node-b", "10.0.0.10"));
        commands.send(new CloseConnection(closed, CloseReason.CLIENT_CLOSED, null, "node-a"));
        commands.send(new AuthenticateConnection(open, user, EXPIRY));
        publisher.publish(user, "run-kept", "agent_started", Map.of());
        long last = head();

        Map<String, List<String>> commandsToRun = new LinkedHashMap<>();
        commandsToRun.put("history", List.of("history", closed + "-f"));
        commandsToRun.put("history json", List.of("history", closed, "--json"));
        commandsToRun.put("timeline", List.of("timeline", closed));
        commandsToRun.put("timeline json", List.of("timeline", closed, "--json"));
        commandsToRun.put("user timeline", List.of("timeline", "--user", user));
        commandsToRun.put("window", List.of("timeline", "--from", Long.toString(first), "--to", Long.toString(last)));
        commandsToRun.put("registry-at", List.of("registry-at", "--position", Long.toString(first + 5)));
        commandsToRun.put("registry-at json", List.of("registry-at", "--position", Long.toString(last), "--json"));
        commandsToRun.put(
                "export-fixture",
                List.of("export-fixture", "--connection", closed, "--connection", open, "--name", "archived"));
        commandsToRun.put("verify", List.of("verify"));
        Map<String, Cli> before = runAll(commandsToRun, List.of());

        List<ArchivedRow> archived = ArchiveAsTheArchiveDoes.archive(archive, closed, closed + "-f", user, 3);
        assertThat(archived).hasSizeGreaterThan(8);
        try {
            Map<String, Cli> without = runAll(commandsToRun, List.of());
            assertThat(without.get("history json").out())
                    .as("without --archive, at most the row the crash left in the table too")
                    .isNotEqualTo(before.get("history json").out());
            String archivedTo = "were archived to " + archive + " on ";
            for (String refusing : List.of("verify", "registry-at", "registry-at json", "export-fixture")) {
                assertThat(without.get(refusing).exitCode()).as(refusing).isEqualTo(CliFailure.ARCHIVE_NOT_READ);
                assertThat(without.get(refusing).err())
                        .as(refusing)
                        .contains(archivedTo, "pass --archive " + archive + " to read them");
            }
            assertThat(without.get("history json").err()).startsWith("note: events up to position ");
            assertThat(without.get("history json").exitCode()).isZero();
            assertThat(new ApiClient(port)
                            .get("/api/connections/" + closed + "/history", Tokens.admin())
                            .headers()
                            .firstValue(ArchiveNotice.HEADER))
                    .as("the node reads no archive")
                    .hasValueSatisfying(notice ->
                            assertThat(notice).contains(archivedTo, "set SWITCHBOARD_ARCHIVE_DIR to " + archive));
            Map<String, Cli> after = runAll(commandsToRun, List.of("--archive", archive.toString()));
            for (String name : commandsToRun.keySet()) {
                assertThat(after.get(name).exitCode())
                        .as(name)
                        .isEqualTo(before.get(name).exitCode());
                assertThat(comparable(name, after.get(name))).as(name).isEqualTo(comparable(name, before.get(name)));
            }
        } finally {
            ArchiveAsTheArchiveDoes.restore(archived);
        }
        assertThat(before.get("verify").exitCode()).isZero();
        assertThat(Cli.run("verify").exitCode())
                .as("the log is whole again for the tests after")
                .isZero();
        assertThat(new ApiClient(port)
                        .get("/api/connections/" + closed + "/history", Tokens.admin())
                        .headers()
                        .firstValue(ArchiveNotice.HEADER))
                .isEmpty();
    }

    @Test
    void aConnectionInOneSegmentOfSeveralReadsAsBeforeTheArchiveRan() throws Exception {
        List<List<String>> segments = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String user = Tokens.newUserId();
            String id = "indexed-" + UUID.randomUUID();
            commands.send(new OpenConnection(id, "node-a", "10.0.0." + i));
            commands.send(new AuthenticateConnection(id, user, EXPIRY));
            commands.send(new MigrateConnectionId(id, id + "-f"));
            commands.send(new MarkConnectionReady(id));
            commands.send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, null, "node-a"));
            segments.add(List.of(id, id + "-f"));
            users.add(user);
        }
        String middle = segments.get(1).get(0);
        Map<String, List<String>> commandsToRun = new LinkedHashMap<>();
        commandsToRun.put("history", List.of("history", middle + "-f"));
        commandsToRun.put("history json", List.of("history", middle, "--json"));
        commandsToRun.put("timeline", List.of("timeline", middle + "-f"));
        commandsToRun.put("timeline json", List.of("timeline", middle, "--json"));
        commandsToRun.put("user timeline", List.of("timeline", "--user", users.get(1), "--json"));
        Map<String, Cli> before = runAll(commandsToRun, List.of());

        List<ArchivedRow> archived = ArchiveAsTheArchiveDoes.archiveEach(archive, segments);
        try {
            assertThat(Cli.run("history", middle, "--json").out())
                    .as("without --archive, the connection's events are gone")
                    .isNotEqualTo(before.get("history json").out());
            Map<String, Cli> after = runAll(commandsToRun, List.of("--archive", archive.toString()));
            for (String name : commandsToRun.keySet()) {
                assertThat(before.get(name).exitCode()).as(name).isZero();
                assertThat(after.get(name).out() + after.get(name).err())
                        .as(name)
                        .contains(middle)
                        .isEqualTo(before.get(name).out() + before.get(name).err());
            }
        } finally {
            ArchiveAsTheArchiveDoes.restore(archived);
        }
    }

    private static Map<String, Cli> runAll(Map<String, List<String>> commands, List<String> extra) {
        Map<String, Cli> results = new LinkedHashMap<>();
        commands.forEach((name, arguments) -> {
            List<String> all = new ArrayList<>(arguments);
            all.addAll(extra);
            results.put(name, Cli.run(all.toArray(String[]::new)));
        });
        return results;
    }

    /**
     * Verify's report names how long it held the live table's lock, and its progress bar (on standard error) its
     * rate; a fixture, when it was exported: everything else must be the same.
     */
    private static String comparable(String name, Cli result) {
        return switch (name) {
            case "verify" -> result.out().replaceAll("locked \\d+ ms", "locked … ms");
            case "export-fixture" -> result.out().replaceFirst("\"recordedAt\" : \"[^\"]+\"", "recordedAt");
            default -> result.out() + result.err();
        };
    }

    private static long head() throws Exception {
        try (Connection connection = TestDatabase.shared().connect();
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry")) {
            result.next();
            return result.getLong(1);
        }
    }
}
