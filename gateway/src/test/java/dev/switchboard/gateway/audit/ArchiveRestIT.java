package dev.switchboard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.feed.AgentEventPublisher;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.ArchiveAsTheArchiveDoes;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node with an archive directory ({@code SWITCHBOARD_ARCHIVE_DIR}) answers a connection's history and timelines,
 * over real HTTP, exactly as it did before the connection's events were archived.
 */
class ArchiveRestIT extends PostgresIntegrationTest {

    private static final Path ARCHIVE = newDirectory();

    @DynamicPropertySource
    static void archive(DynamicPropertyRegistry registry) {
        registry.add("switchboard.archive.dir", ARCHIVE::toString);
    }

    @Autowired
    ConnectionCommands commands;

    @Autowired
    AgentEventPublisher publisher;

    @LocalServerPort
    int port;

    @Test
    void historyAndTimelinesReadTheArchiveAsIfNothingHadMoved() throws Exception {
        var api = new ApiClient(port);
        String user = Tokens.newUserId();
        String id = "rest-archive-" + UUID.randomUUID();
        commands.send(new OpenConnection(id, "node-a"));
        commands.send(new AuthenticateConnection(id, user, TimelineRaceIT.EXPIRY));
        commands.send(new MigrateConnectionId(id, id + "-final"));
        commands.send(new MarkConnectionReady(id));
        publisher.publish(user, "run-1", "agent_started", Map.of());
        publisher.publish(user, "run-1", "agent_completed", Map.of());
        commands.send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, null, "node-a"));
        List<String> paths = List.of(
                "/api/connections/" + id + "/history",
                "/api/connections/" + id + "-final/timeline",
                "/api/users/" + user + "/timeline");
        var before = paths.stream().map(path -> api.get(path, Tokens.admin())).toList();

        var archived = ArchiveAsTheArchiveDoes.archive(ARCHIVE, id, id + "-final", user, 2);
        try {
            for (int i = 0; i < paths.size(); i++) {
                var after = api.get(paths.get(i), Tokens.admin());
                assertThat(after.status()).as(paths.get(i)).isEqualTo(200);
                assertThat(after.body())
                        .as(paths.get(i))
                        .isEqualTo(before.get(i).body());
            }
        } finally {
            ArchiveAsTheArchiveDoes.restore(archived);
        }
        assertThat(before.get(0).body().path("events").size()).isEqualTo(6);
    }

    private static Path newDirectory() {
        try {
            Path directory = Files.createTempDirectory("switchboard-archive");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
