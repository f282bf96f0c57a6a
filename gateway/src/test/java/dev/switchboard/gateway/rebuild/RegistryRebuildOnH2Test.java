package dev.switchboard.gateway.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.audit.rebuild.RebuildState;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.SwitchboardApplication;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On the embedded H2 default the rebuild runs the same steps without locking the live table (H2 has no lock that
 * stops writes but not reads): fine on an idle development node, and it says so in its report.
 */
class RegistryRebuildOnH2Test {

    @TempDir
    Path dataDir;

    @Test
    void anEmbeddedNodeRebuildsItsRegistryWithoutTheLockAndSaysSo() throws Exception {
        try (var node = new SpringApplicationBuilder(SwitchboardApplication.class)
                .properties("server.port=0", "switchboard.data-dir=" + dataDir)
                .run()) {
            var commands = node.getBean(ConnectionCommands.class);
            commands.send(new OpenConnection("h2-1", "node-embedded"));
            commands.send(new AuthenticateConnection("h2-1", "ann", Instant.parse("2099-01-01T00:00:00Z")));
            commands.send(new OpenConnection("h2-2", "node-embedded"));
            commands.send(new CloseConnection("h2-2", CloseReason.CLIENT_CLOSED, null, "node-embedded"));
            var rebuilds = node.getBean(RegistryRebuilds.class);
            node.getBean(JdbcTemplate.class)
                    .update("UPDATE connection_registry SET user_id = 'bob' WHERE preliminary_id = 'h2-1'");

            assertThat(rebuilds.start(false)).isPresent();
            await().until(() -> !rebuilds.status().state().running());
            var reported = rebuilds.status();

            assertThat(reported.state()).as(reported.message()).isEqualTo(RebuildState.FAILED);
            assertThat(reported.differences()).singleElement().satisfies(difference -> {
                assertThat(difference.column()).isEqualTo("user_id");
                assertThat(difference.live()).isEqualTo("bob");
                assertThat(difference.rebuilt()).isEqualTo("ann");
            });

            assertThat(rebuilds.start(true)).isPresent();
            await().until(() -> !rebuilds.status().state().running());
            var repaired = rebuilds.status();

            assertThat(repaired.state()).as(repaired.message()).isEqualTo(RebuildState.SWITCHED);
            assertThat(repaired.message()).contains("H2 has no such lock");
            assertThat(node.getBean(JdbcTemplate.class)
                            .queryForObject(
                                    "SELECT user_id FROM connection_registry WHERE preliminary_id = 'h2-1'",
                                    String.class))
                    .isEqualTo("ann");
        }
    }
}
