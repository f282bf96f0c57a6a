package dev.switchboard.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.cluster.ListenerConnections;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.TestSocket;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A second node in the test's JVM, for the test class that registers this extension, whose periodic catch-up is switched off, so that whatever reaches its sockets
 * promptly came through its announcement listener; and where to find that listener's connection in the database.
 */
final class ListeningNode implements BeforeAllCallback, AfterAllCallback {

    private ConfigurableApplicationContext node;

    @Override
    public void beforeAll(ExtensionContext context) {
        node = Nodes.node()
                .properties("switchboard.cluster.catch-up-interval=1h")
                .run();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (node != null) {
            node.close();
        }
    }

    int port() {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    <T> T bean(Class<T> type) {
        return node.getBean(type);
    }

    /** The server processes of the listener's connection: one while it is connected, none while it is away. */
    List<Integer> listenerBackends(JdbcTemplate jdbc) {
        return jdbc.queryForList(
                "SELECT pid FROM pg_stat_activity WHERE application_name = ?", Integer.class, applicationName());
    }

    /** Whether the listener is connected and has run its LISTEN. */
    boolean listening(JdbcTemplate jdbc) {
        List<String> queries = jdbc.queryForList(
                "SELECT query FROM pg_stat_activity WHERE application_name = ?", String.class, applicationName());
        return queries.size() == 1 && queries.get(0).startsWith("LISTEN");
    }

    private String applicationName() {
        return ListenerConnections.APPLICATION_NAME_PREFIX
                + node.getBean(NodeIdentity.class).id();
    }

    /** The seqs of the socket's next {@code count} frames, each of which must be an event. */
    static List<Long> seqs(TestSocket socket, int count) {
        return socket.next(count).stream()
                .peek(frame -> assertThat(frame.path("type").asText())
                        .as("frame %s", frame)
                        .isEqualTo("event"))
                .map(frame -> frame.path("seq").asLong())
                .toList();
    }
}
