package dev.switchboard.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.query.registry.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The event log and the registry on a real PostgreSQL: what a command leaves behind once it returns. */
class EventLogIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionCommands commands;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWholeLifecycleIsStoredAsJsonEventsAndProjectedIntoTheRegistry() throws Exception {
        String id = Lifecycles.newId("life");
        String finalId = Lifecycles.ready(commands, id, "node-a", "alice");
        commands.send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, "bye", "node-a"));

        var rows = EventLog.of(jdbc, id, finalId);
        assertThat(rows)
                .extracting(EventLog.Row::simpleType)
                .containsExactly(
                        "ConnectionOpened",
                        "ConnectionAuthenticated",
                        "ConnectionIdMigrated",
                        "FinalIdClaimed",
                        "ConnectionMarkedReady",
                        "ConnectionClosed");
        assertThat(rows).allSatisfy(row -> assertThat(row.revision())
                .as("every event carries a revision")
                .isNotBlank());
        assertThat(rows.get(0).revision()).isEqualTo("2");
        assertThat(rows.get(0).json()).contains("\"connectionId\":\"" + id + "\"", "\"nodeId\":\"node-a\"");
        assertThat(rows.get(3).aggregateId()).isEqualTo(finalId);
        assertThat(rows.get(3).sequence()).isZero();

        var view = registry.find(finalId).orElseThrow();
        assertThat(view.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(view.connectionId()).isEqualTo(finalId);
        assertThat(view.preliminaryId()).isEqualTo(id);
        assertThat(view.userId()).isEqualTo("alice");
        assertThat(view.closeReason()).isEqualTo(CloseReason.CLIENT_CLOSED);
        assertThat(view.openedAt()).isBeforeOrEqualTo(view.readyAt()).isBeforeOrEqualTo(view.closedAt());
        assertThat(view.lastPosition()).isEqualTo(rows.get(5).position());
    }

    @Test
    void eachCommandIsVisibleInTheRegistryAsSoonAsItReturns() throws Exception {
        String id = Lifecycles.newId("ryw");
        commands.send(new OpenConnection(id, "node-a"));
        assertThat(registry.find(id).orElseThrow().state()).isEqualTo(ConnectionState.OPENED);
        commands.send(new dev.switchboard.api.connection.AuthenticateConnection(id, "bob", Lifecycles.TOKEN_EXPIRY));
        assertThat(registry.find(id).orElseThrow().state()).isEqualTo(ConnectionState.AUTHENTICATED);
        commands.send(new MigrateConnectionId(id, id + "-f"));
        assertThat(registry.find(id + "-f"))
                .get()
                .extracting(v -> v.preliminaryId())
                .isEqualTo(id);
        assertThat(registry.find(id)).get().extracting(v -> v.connectionId()).isEqualTo(id + "-f");
        commands.send(new MarkConnectionReady(id));
        assertThat(registry.find(id + "-f").orElseThrow().isReady()).isTrue();
    }

    @Test
    void aRejectedCommandIsThrownAndKeptInTheHistoryWithTheStateItMet() throws Exception {
        String id = Lifecycles.newId("reject");
        commands.send(new OpenConnection(id, "node-a"));

        assertThatThrownBy(() -> commands.send(new MigrateConnectionId(id, id + "-f")))
                .isInstanceOfSatisfying(ConnectionRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.NOT_AUTHENTICATED);
                    assertThat(e.state()).isEqualTo(ConnectionState.OPENED);
                    assertThat(e.connectionId()).isEqualTo(id);
                    assertThat(e.command()).isEqualTo("MigrateConnectionId");
                });

        var rows = EventLog.of(jdbc, id, id + "-f");
        assertThat(rows)
                .extracting(EventLog.Row::simpleType)
                .containsExactly("ConnectionOpened", "ConnectionCommandRejected");
        assertThat(rows.get(1).json())
                .contains("\"code\":\"NOT_AUTHENTICATED\"", "\"stateMet\":\"OPENED\"", "\"finalId\":\"" + id + "-f\"");
        assertThat(registry.find(id).orElseThrow().state()).isEqualTo(ConnectionState.OPENED);
    }

    @Test
    void openingAnIdThatAlreadyHasAHistoryIsRejectedAndRecorded() throws Exception {
        String id = Lifecycles.newId("dup");
        commands.send(new OpenConnection(id, "node-a"));

        assertThatThrownBy(() -> commands.send(new OpenConnection(id, "node-b")))
                .isInstanceOfSatisfying(ConnectionRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(RejectionCode.CONNECTION_EXISTS));

        assertThat(EventLog.types(jdbc, id)).containsExactly("ConnectionOpened", "ConnectionCommandRejected");
        assertThat(registry.find(id).orElseThrow().nodeId()).isEqualTo("node-a");
    }

    @Test
    void aCommandForAnUnknownIdIsRejectedAndStillReachesTheLog() {
        String id = Lifecycles.newId("ghost");

        assertThatThrownBy(() -> commands.send(new CloseConnection(id, CloseReason.ADMIN_CLOSED, null, "node-a")))
                .isInstanceOfSatisfying(ConnectionRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.UNKNOWN_CONNECTION);
                    assertThat(e.state()).isNull();
                });

        Integer stored = jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE payload_type LIKE "
                        + "'%ConnectionCommandRejected' AND CAST(convert_from(payload, 'UTF8') AS TEXT) LIKE ?",
                Integer.class, "%" + id + "%");
        assertThat(stored).isEqualTo(1);
        assertThat(registry.find(id)).isEmpty();
    }

    @Test
    void closingAClosedConnectionChangesNothingAndIsNotAnError() throws Exception {
        String id = Lifecycles.newId("twice");
        commands.send(new OpenConnection(id, "node-a"));
        commands.send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, null, "node-a"));
        commands.send(new CloseConnection(id, CloseReason.SERVER_CLOSED, null, "node-a"));

        assertThat(EventLog.types(jdbc, id)).containsExactly("ConnectionOpened", "ConnectionClosed");
        assertThat(registry.find(id).orElseThrow().closeReason()).isEqualTo(CloseReason.CLIENT_CLOSED);
    }
}
