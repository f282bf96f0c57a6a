package dev.switchboard.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client hangs up while its token is being verified. Whatever the order, the connection ends CLOSED, and its
 * history is one of the two serial orders: authenticated then closed, or closed then the authentication refused.
 */
class CloseRacingAuthenticationIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionCommands commands;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    JdbcTemplate jdbc;

    @RepeatedTest(15)
    void theConnectionEndsClosedWithAHistoryInOneSerialOrder() throws Exception {
        String id = Lifecycles.newId("close-auth");
        commands.send(new OpenConnection(id, "node-a"));

        var outcomes = Race.run(
                () -> send(new AuthenticateConnection(id, "dave", Lifecycles.TOKEN_EXPIRY)),
                () -> send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, null, "node-a")));

        assertThat(outcomes.get(1).succeeded()).as("close never fails").isTrue();
        List<String> history = EventLog.types(jdbc, id);
        if (outcomes.get(0).succeeded()) {
            assertThat(history).containsExactly("ConnectionOpened", "ConnectionAuthenticated", "ConnectionClosed");
        } else {
            assertThat(outcomes.get(0).error())
                    .isInstanceOfSatisfying(ConnectionRejectedException.class, e -> assertThat(e.code())
                            .isEqualTo(RejectionCode.CONNECTION_CLOSED));
            assertThat(history).containsExactly("ConnectionOpened", "ConnectionClosed", "ConnectionCommandRejected");
        }
        assertThat(registry.find(id).orElseThrow().state()).isEqualTo(ConnectionState.CLOSED);
    }

    private Boolean send(dev.switchboard.api.connection.ConnectionCommand command) throws ConnectionRejectedException {
        commands.send(command);
        return true;
    }
}
