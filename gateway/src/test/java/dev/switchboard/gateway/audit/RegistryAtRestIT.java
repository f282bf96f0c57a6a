package dev.switchboard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.ArchiveAsTheArchiveDoes;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/registry/at}: an operator's look at the registry as it stood at a position or a time. */
class RegistryAtRestIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionCommands commands;

    @Autowired
    EventLog eventLog;

    @LocalServerPort
    int port;

    @Test
    void anOperatorSeesTheRegistryAsItStoodAtAPositionAndAtATime() throws Exception {
        ApiClient api = new ApiClient(port);
        String id = "rest-registry-at-" + UUID.randomUUID();
        commands.send(new OpenConnection(id, "node-b"));
        commands.send(new AuthenticateConnection(id, Tokens.newUserId(), TimelineRaceIT.EXPIRY));
        long authenticated = eventLog.head();
        commands.send(new MigrateConnectionId(id, id + "-final"));
        commands.send(new MarkConnectionReady(id));

        var then = api.get("/api/registry/at?position=" + authenticated, Tokens.admin());
        var now = api.get("/api/registry/at?time=" + Instant.now(), Tokens.admin());

        assertThat(then.status()).as(then.raw()).isEqualTo(200);
        assertThat(then.body().path("position").asLong()).isEqualTo(authenticated);
        assertThat(row(then.body(), id).path("state").asText()).isEqualTo("AUTHENTICATED");
        assertThat(row(then.body(), id).path("nodeId").asText()).isEqualTo("node-b");
        assertThat(row(now.body(), id).path("state").asText()).isEqualTo("READY");
        assertThat(row(now.body(), id).path("connectionId").asText()).isEqualTo(id + "-final");
    }

    @Test
    void aNodeThatReadsNoArchiveRefusesARegistryWithoutTheArchivedConnections() throws Exception {
        ApiClient api = new ApiClient(port);
        String id = "rest-registry-at-archived-" + UUID.randomUUID();
        commands.send(new OpenConnection(id, "node-b"));
        long opened = eventLog.head();
        Path archive = Files.createTempDirectory("switchboard-archive");

        var archived = ArchiveAsTheArchiveDoes.archiveEach(archive, List.of(List.of(id)));
        ApiClient.Response refused;
        try {
            refused = api.get("/api/registry/at?position=" + opened, Tokens.admin());
        } finally {
            ArchiveAsTheArchiveDoes.restore(archived);
        }

        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.body().path("error").asText()).isEqualTo("archive_not_read");
        assertThat(refused.body().path("message").asText())
                .contains("events up to position " + opened + " were archived to " + archive)
                .contains("set SWITCHBOARD_ARCHIVE_DIR to " + archive);
        var whole = api.get("/api/registry/at?position=" + opened, Tokens.admin());
        assertThat(row(whole.body(), id).path("state").asText()).isEqualTo("OPENED");
    }

    @Test
    void aUserTokenIsRefusedAndAQuestionNeedsExactlyOneOfPositionAndTime() {
        ApiClient api = new ApiClient(port);

        var user = api.get("/api/registry/at?position=1", Tokens.user(Tokens.newUserId()));

        assertThat(user.status()).isEqualTo(403);
        assertThat(user.body().path("error").asText()).isEqualTo("forbidden");
        assertThat(api.get("/api/registry/at", Tokens.admin()).status()).isEqualTo(400);
        assertThat(api.get("/api/registry/at?position=1&time=2026-01-01T00:00:00Z", Tokens.admin())
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/registry/at?position=-1", Tokens.admin()).status())
                .isEqualTo(400);
        assertThat(api.get("/api/registry/at?time=noon", Tokens.admin()).status())
                .isEqualTo(400);
    }

    private static JsonNode row(JsonNode snapshot, String preliminaryId) {
        return StreamSupport.stream(snapshot.path("connections").spliterator(), false)
                .filter(row -> row.path("preliminaryId").asText().equals(preliminaryId))
                .findFirst()
                .orElseThrow(() -> new AssertionError(preliminaryId + " is not in " + snapshot));
    }
}
