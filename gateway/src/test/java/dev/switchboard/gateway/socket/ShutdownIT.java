package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerApplicationContext;

/** A node that stops tells its clients (1001) and leaves SERVER_SHUTDOWN in the log for each, not ghosts. */
class ShutdownIT extends PostgresIntegrationTest {

    @Autowired
    ConnectionRegistry registry;

    @Test
    void aStoppingNodeClosesEverySocketWith1001AndRecordsWhy() {
        String user = Tokens.newUserId();
        var node = Nodes.start();
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        List<TestSocket> sockets =
                IntStream.range(0, 5).mapToObj(i -> TestSocket.connect(port)).toList();
        sockets.forEach(socket -> socket.authenticate(Tokens.user(user)));

        node.close();

        assertThat(sockets).allSatisfy(socket -> assertThat(socket.awaitClose()).isEqualTo(1001));
        assertThat(registry.ofUser(user, null)).hasSize(5).allSatisfy(connection -> {
            assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(connection.closeReason()).isEqualTo(CloseReason.SERVER_SHUTDOWN);
        });
    }
}
