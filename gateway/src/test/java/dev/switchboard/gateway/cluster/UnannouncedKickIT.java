package dev.switchboard.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A kick whose announcement never reaches the node holding the socket (that node's listener is away). Until its close
 * check runs, the socket stays open, and yet it receives no event pushed after the kick, though that node's periodic
 * catch-up brings the user's other socket there every one: delivery asks the registry, not the socket. The close check
 * then closes it with 4010.
 */
class UnannouncedKickIT extends PostgresIntegrationTest {

    private static final String RUN = "{\"runId\":\"r\",\"event\":\"agent_thinking\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSocketKickedUnannouncedGetsNoLaterEventAndTheCloseCheckClosesItWith4010() {
        String user = Tokens.newUserId();
        try (ConfigurableApplicationContext holder = Nodes.node()
                        .properties(
                                "switchboard.cluster.catch-up-interval=300ms",
                                "switchboard.cluster.close-check-interval=1h")
                        .run();
                TestSocket kicked = TestSocket.connect(port(holder));
                TestSocket stays = TestSocket.connect(port(holder))) {
            String kickedId =
                    kicked.authenticate(Tokens.user(user)).path("connectionId").asText();
            stays.authenticate(Tokens.user(user));
            holder.getBean(AnnouncementListener.class).stop();
            String listener = ListenerConnections.APPLICATION_NAME_PREFIX
                    + holder.getBean(NodeIdentity.class).id();
            await("the holder's listener is away")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?",
                                    Long.class,
                                    listener)
                            == 0);

            ApiClient api = new ApiClient(port);
            assertThat(api.delete("/api/connections/" + kickedId, Tokens.admin())
                            .status())
                    .isEqualTo(204);
            for (int i = 0; i < 3; i++) {
                assertThat(api.postJson("/api/users/" + user + "/events", Tokens.publisher(), RUN)
                                .status())
                        .isEqualTo(202);
            }

            assertThat(stays.next(3).stream().map(frame -> frame.path("seq").asLong()))
                    .as("the other socket, brought up by the holder's catch-up")
                    .containsExactly(1L, 2L, 3L);
            assertThat(kicked.settle())
                    .as("frames on the kicked socket, still open")
                    .noneMatch(UnannouncedKickIT::isEvent);
            assertThat(kicked.isClosed()).isFalse();

            assertThat(holder.getBean(CloseCheck.class).check()).isEqualTo(1);
            assertThat(kicked.awaitClose()).isEqualTo(4010);
            assertThat(kicked.drain()).noneMatch(UnannouncedKickIT::isEvent);
            assertThat(stays.settle()).isEmpty();
        }
    }

    private static boolean isEvent(JsonNode frame) {
        return frame.path("type").asText().equals("event");
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
