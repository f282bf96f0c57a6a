package dev.switchboard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.LoggedEvent;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit tools read the log from its table, without a node, exactly as the node wrote it. */
class EventLogReadIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionCommands commands;

    @Autowired
    DataSource dataSource;

    @Test
    void readsStreamsAndWindowsInLogOrderAsTypedEvents() throws Exception {
        String id = "audit-" + UUID.randomUUID();
        commands.send(new OpenConnection(id, "node-a"));
        commands.send(new AuthenticateConnection(id, "ann", Instant.parse("2099-01-01T00:00:00Z")));
        commands.send(new MigrateConnectionId(id, id + "-f"));
        EventLog log = new EventLog(dataSource);

        List<LoggedEvent> events = log.ofStreams(List.of(id, id + "-f"));
        assertThat(events)
                .extracting(LoggedEvent::type)
                .containsExactly(
                        "ConnectionOpened", "ConnectionAuthenticated", "ConnectionIdMigrated", "FinalIdClaimed");
        assertThat(events).extracting(LoggedEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(events.get(0).payload())
                .isEqualTo(new ConnectionOpened(
                        id, "node-a", ((ConnectionOpened) events.get(0).payload()).at()));
        assertThat(((ConnectionAuthenticated) events.get(1).payload()).userId()).isEqualTo("ann");
        assertThat(events.get(3).streamId()).isEqualTo(id + "-f");

        List<LoggedEvent> window = new ArrayList<>();
        log.scan(events.get(0).position() - 1, events.get(1).position(), window::add);
        assertThat(window)
                .extracting(LoggedEvent::eventId)
                .contains(events.get(0).eventId(), events.get(1).eventId())
                .doesNotContain(events.get(2).eventId());
        assertThat(log.head()).isGreaterThanOrEqualTo(events.get(3).position());
    }
}
