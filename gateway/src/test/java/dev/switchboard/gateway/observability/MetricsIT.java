package dev.switchboard.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator's Prometheus sees after the golden path, one refusal and one resume on a real socket. Metrics
 * export is on, as in production (Boot's tests switch it off).
 */
@AutoConfigureObservability(tracing = false)
class MetricsIT extends PostgresIntegrationTest {

    /** The connections gauge is refreshed every 5 s by default; a scrape may come just before a refresh. */
    private static final Duration GAUGE_WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    NodeIdentity node;

    @Test
    void theGoldenPathARefusalAndAResumeShowInTheScrapeWithTheirTags() {
        String alice = Tokens.newUserId();
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.authenticate(Tokens.user(alice));
            socket.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"hello\"}");
            socket.expect("ack");
            socket.next(5);
            // another user's token on alice's socket: refused as user_mismatch, and the socket closed with 4003
            socket.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(Tokens.newUserId()) + "\"}");
            assertThat(socket.awaitClose()).isEqualTo(4003);
        }
        try (TestSocket resumed = TestSocket.connect(port)) {
            resumed.expect("welcome");
            resumed.send("{\"type\":\"auth\",\"token\":\"" + Tokens.user(alice) + "\",\"lastSeq\":0}");
            resumed.expect("ready");
            assertThat(resumed.next(5)).hasSize(5);
            try (TestSocket stillOpen = TestSocket.connect(port)) {
                stillOpen.authenticate(Tokens.user(Tokens.newUserId()));
                await().atMost(GAUGE_WAIT).untilAsserted(() -> {
                    Scrape scrape = scrape();
                    assertThat(scrape.value("switchboard_connections", "state", "READY", "node", node.id()))
                            .isGreaterThanOrEqualTo(2);
                    assertThat(scrape.value("switchboard_connections", "state", "CLOSED", "node", node.id()))
                            .isGreaterThanOrEqualTo(1);
                });
            }
        }

        await().atMost(TestSocket.WAIT).untilAsserted(() -> assertThat(
                        scrape().value("switchboard_connection_closes_total", "reason", "CLIENT_CLOSED"))
                .isGreaterThanOrEqualTo(1));
        Scrape scrape = scrape();
        assertThat(scrape.value(
                        "switchboard_connection_commands_total",
                        "command",
                        "MigrateConnectionId",
                        "outcome",
                        "accepted",
                        "code",
                        "none"))
                .isGreaterThanOrEqualTo(3);
        assertThat(scrape.value(
                        "switchboard_connection_commands_total",
                        "command",
                        "AuthenticateConnection",
                        "outcome",
                        "rejected",
                        "code",
                        "user_mismatch"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("switchboard_connection_closes_total", "reason", "FORBIDDEN"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("switchboard_handshake_duration_seconds_count")).isGreaterThanOrEqualTo(3);
        assertThat(scrape.has("switchboard_handshake_duration_seconds_bucket{le="))
                .isTrue();
        assertThat(scrape.value("switchboard_delivery_latency_seconds_count")).isGreaterThanOrEqualTo(5);
        assertThat(scrape.has("switchboard_delivery_latency_seconds_bucket{le="))
                .isTrue();
        assertThat(scrape.value("switchboard_feed_resent_total", "path", "resume"))
                .isGreaterThanOrEqualTo(5);
        assertThat(scrape.value("switchboard_feed_resent_total", "path", "gap_fill"))
                .isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("switchboard_registry_lag")).isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("switchboard_auth_circuits_open")).isGreaterThanOrEqualTo(0);
        // a handshake is appended without loading its connection; the refused re-authentication loads alice's, and
        // the close that follows the refusal finds it in the cache
        await().atMost(TestSocket.WAIT).untilAsserted(() -> assertThat(
                        scrape().value("cache_gets_total", "cache", "connections", "result", "hit"))
                .isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("cache_gets_total", "cache", "connections", "result", "miss"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.has("cache_gets_total{cache=\"agent_feeds\"")).isTrue();
        // every event of the golden path's handshakes went through the registry's processor
        assertThat(scrape.value("eventProcessor_ingestedCounter_total", "processorName", "registry"))
                .isGreaterThanOrEqualTo(15);
        assertThat(scrape.value("eventProcessor_successCounter_total", "processorName", "registry"))
                .isGreaterThanOrEqualTo(15);
        assertThat(scrape.lines())
                .as("Axon's processor metrics, tagged by processor")
                .anyMatch(line -> line.startsWith("eventProcessor_") && line.contains("processorName=\"registry\""))
                .anyMatch(line -> line.startsWith("eventProcessor_")
                        && line.contains("processorName=\"" + LifecycleLog.PROCESSING_GROUP + "\""))
                .as("no per-message command bus monitor: commands are counted by switchboard's own meters")
                .noneMatch(line -> line.startsWith("commandBus_"));
        assertThat(scrape.lines())
                .as("HTTP requests are timed by route; the scrape itself is one")
                .anyMatch(line -> line.startsWith("http_server_requests_seconds_count")
                        && line.contains("uri=\"/actuator/prometheus\""))
                .as("a WebSocket upgrade is not: switchboard_handshake_duration times the handshake (a plain GET of "
                        + "/ws, which another test of this context may send, is refused with 400 and timed)")
                .noneMatch(line -> line.startsWith("http_server_requests_")
                        && line.contains("status=\"101\"")
                        && line.contains("uri=\"/ws\""))
                .as("Spring Security observes nothing")
                .noneMatch(line -> line.startsWith("spring_security_"));
    }

    private Scrape scrape() {
        var response = new ApiClient(port).get("/actuator/prometheus", Tokens.admin());
        assertThat(response.status()).isEqualTo(200);
        return Scrape.of(response.raw());
    }
}
