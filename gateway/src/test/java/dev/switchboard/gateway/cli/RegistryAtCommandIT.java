package dev.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code registry-at}: the whole registry, one state's connections ({@code --state}), or the live ones ({@code --live}). */
class RegistryAtCommandIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionCommands commands;

    @Autowired
    EventLog eventLog;

    @Test
    void liveLeavesTheClosedConnectionsOutAndStateKeepsOne() throws Exception {
        String open = "cli-live-open-" + UUID.randomUUID();
        String authenticated = "cli-live-auth-" + UUID.randomUUID();
        String closed = "cli-live-closed-" + UUID.randomUUID();
        commands.send(new OpenConnection(open, "node-cli"));
        commands.send(new OpenConnection(authenticated, "node-cli"));
        commands.send(new AuthenticateConnection(authenticated, "dana", Instant.parse("2099-01-01T00:00:00Z")));
        commands.send(new OpenConnection(closed, "node-cli"));
        commands.send(new CloseConnection(closed, CloseReason.CLIENT_CLOSED, null, "node-cli"));
        String head = Long.toString(eventLog.head());

        Cli all = Cli.run("registry-at", "--position", head);
        Cli live = Cli.run("registry-at", "--position", head, "--live");
        Cli authenticatedOnly = Cli.run("registry-at", "--position", head, "--state", "AUTHENTICATED");
        Cli both = Cli.run("registry-at", "--position", head, "--live", "--state", "READY");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains(open, authenticated, closed);
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(live.out())
                .contains(open, authenticated)
                .doesNotContain(closed)
                .doesNotContain("CLOSED");
        assertThat(authenticatedOnly.out())
                .contains(authenticated)
                .doesNotContain(open)
                .doesNotContain(closed);
        assertThat(both.exitCode()).as("--live and --state exclude each other").isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }
}
