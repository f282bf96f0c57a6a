package dev.switchboard.gateway.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.OwnPostgres;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database stops under a running node, with an agent pushing, and starts again. Meanwhile live sockets stay open
 * and answer pings (heartbeats run every second with a 3 s timeout, so several fall within the outage), while work
 * that needs the database is refused: upgrades with 503, pushes with 503 and Retry-After, messages with
 * {@code unavailable}, and readiness is DOWN. Afterwards everything resumes by itself, and a push retried with its
 * Idempotency-Key is appended once.
 */
class DatabaseOutageIT {

    private static final String RUN = "{\"runId\":\"r\",\"event\":\"agent_thinking\"}";
    private static final Duration DETECTION = Duration.ofSeconds(20);

    @Test
    void liveSocketsOutlastAnOutageWhileNewWorkIsRefusedAndEverythingResumesAfterIt() throws Exception {
        Path bin = OwnPostgres.installedBin().orElse(null);
        // CI machines have the binaries: there, a missing installation is a failure, never a quiet skip
        assertThat(bin != null || System.getenv("CI") == null)
                .as("CI must run the outage test: no PostgreSQL installation under /usr/lib/postgresql")
                .isTrue();
        assumeTrue(bin != null, "needs a PostgreSQL installation under /usr/lib/postgresql to stop and start");
        String user = Tokens.newUserId();
        String publisher = Tokens.publisher();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try (OwnPostgres postgres = OwnPostgres.start(bin);
                ConfigurableApplicationContext node = Nodes.node()
                        .properties(
                                "spring.datasource.url=" + postgres.jdbcUrl(),
                                "spring.datasource.username=postgres",
                                "spring.datasource.password=",
                                "switchboard.gateway.heartbeat-interval=1s",
                                "switchboard.gateway.heartbeat-timeout=3s")
                        .run();
                TestSocket live = TestSocket.connect(port(node))) {
            ApiClient api = new ApiClient(port(node));
            live.authenticate(Tokens.user(user));

            // an agent pushes for another user all along: each push is stored (202) or refused (503), never a 500
            Set<Integer> loadStatuses = ConcurrentHashMap.newKeySet();
            String loadPath = "/api/users/" + Tokens.newUserId() + "/events";
            load.scheduleAtFixedRate(
                    () -> loadStatuses.add(
                            api.postJson(loadPath, publisher, RUN).status()),
                    0,
                    50,
                    TimeUnit.MILLISECONDS);

            postgres.stop();
            // readiness includes the db health check, which can fail before the node's own probe has noticed; the
            // upgrades below are refused from the moment the node has (under a CPU hog one got a welcome before)
            DatabaseAvailability database = node.getBean(DatabaseAvailability.class);
            await().atMost(DETECTION).until(() -> readiness(api) == 503 && !database.isAvailable());
            Set<Integer> upgrades = ConcurrentHashMap.newKeySet();
            await().atMost(DETECTION).until(() -> {
                upgrades.add(refusal(port(node)));
                return upgrades.contains(503);
            });
            assertThat(upgrades)
                    .as("refused before the upgrade, or closed before a welcome")
                    .isSubsetOf(503, 1013);
            var refused = api.postJson(path(user), publisher, RUN, Map.of("Idempotency-Key", "push-1"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(
                            seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
            assertThat(refused.body().path("error").asText()).isEqualTo("unavailable");
            assertThat(refused.raw()).doesNotContainIgnoringCase("exception").doesNotContain("SQL");
            live.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"hello\"}");
            JsonNode unavailable = live.expect("error");
            assertThat(unavailable.path("code").asText()).isEqualTo("unavailable");
            assertThat(unavailable.path("id").asText()).isEqualTo("m1");
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> !live.isClosed());
            live.send("{\"type\":\"ping\"}");
            live.expect("pong");

            postgres.startAgain();
            await().atMost(DETECTION).until(() -> readiness(api) == 200);
            live.send("{\"type\":\"ping\"}");
            live.expect("pong");
            try (TestSocket fresh = TestSocket.connect(port(node))) {
                assertThat(fresh.authenticate(Tokens.user(Tokens.newUserId()))
                                .path("type")
                                .asText())
                        .isEqualTo("ready");
            }
            long seq = pushed(api.postJson(path(user), publisher, RUN, Map.of("Idempotency-Key", "push-1")));
            assertThat(pushed(api.postJson(path(user), publisher, RUN, Map.of("Idempotency-Key", "push-1"))))
                    .as("the retry gets the same seq")
                    .isEqualTo(seq);
            assertThat(pushed(api.postJson(path(user), publisher, RUN)))
                    .as("appended once")
                    .isEqualTo(seq + 1);
            assertThat(live.expect("event").path("seq").asLong()).isEqualTo(seq);
            assertThat(live.expect("event").path("seq").asLong()).isEqualTo(seq + 1);

            load.shutdownNow();
            assertThat(loadStatuses).contains(202, 503).isSubsetOf(202, 503);
        } finally {
            load.shutdownNow();
        }
    }

    /** 503 when the upgrade is refused, else the code the socket is closed with before any frame. */
    private static int refusal(int port) {
        try (TestSocket socket = TestSocket.connect(port)) {
            assertThat(socket.nextOrClose())
                    .as("no welcome while the database is down")
                    .isEmpty();
            return socket.awaitClose();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static long pushed(ApiClient.Response answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        return answer.body().path("seq").asLong();
    }

    private static int readiness(ApiClient api) {
        return api.get("/actuator/health/readiness", null).status();
    }

    private static String path(String user) {
        return "/api/users/" + user + "/events";
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
