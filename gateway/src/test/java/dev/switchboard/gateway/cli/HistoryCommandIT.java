package dev.switchboard.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code history}: one connection's events from either id, as a table or JSON, with exit codes scripts can use. */
class HistoryCommandIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionCommands commands;

    @Test
    void printsBothStreamsOfAConnectionInLogOrderFromEitherId() throws Exception {
        String id = "cli-" + UUID.randomUUID();
        commands.send(new OpenConnection(id, "node-cli", "10.0.0.7"));
        assertThatThrownBy(() -> commands.send(new MarkConnectionReady(id)))
                .isInstanceOf(ConnectionRejectedException.class);
        commands.send(new AuthenticateConnection(id, "carl", Instant.parse("2099-01-01T00:00:00Z")));
        commands.send(new MigrateConnectionId(id, id + "-f"));

        Cli byFinalId = Cli.run("history", id + "-f");
        assertThat(byFinalId.exitCode()).isZero();
        assertThat(byFinalId
                        .out()
                        .lines()
                        .skip(2)
                        .map(line -> line.split("\\s+")[3])
                        .toList())
                .containsExactly(
                        "ConnectionOpened",
                        "ConnectionCommandRejected",
                        "ConnectionAuthenticated",
                        "ConnectionIdMigrated",
                        "FinalIdClaimed");
        assertThat(byFinalId.out()).contains("10.0.0.7", "NOT_AUTHENTICATED");

        Cli json = Cli.run("history", id, "--json");
        JsonNode events = new ObjectMapper().readTree(json.out());
        assertThat(events).hasSize(5);
        assertThat(events.get(2).path("payload").path("userId").asText()).isEqualTo("carl");
    }

    @Test
    void anUnknownConnectionExitsWithThreeAndSaysSo() {
        Cli unknown = Cli.run("history", "no-such-connection");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("no events for connection no-such-connection");
    }

    @Test
    void anUnreachableDatabaseExitsWithFour() {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        int exitCode = SwitchboardCommands.run(
                new java.io.PrintWriter(out),
                new java.io.PrintWriter(err),
                "history",
                "x",
                "--db",
                "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(exitCode).isEqualTo(4);
        assertThat(err.toString()).contains("cannot reach the database");
    }
}
