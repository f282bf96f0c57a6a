package dev.switchboard.gateway.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.OwnPostgres;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sockets close while the database is down, for the client's reason and the server's, one of them never
 * authenticated, and one more than the node's journal of unrecorded closes holds (3 here). After the database is back,
 * the registry holds no READY row for any of them: each kept close is recorded with its real reason and the time it
 * happened (in the event and the registry), though the log took it only after the restart; the one the full journal
 * could not keep is closed as SERVER_CLOSED, saying its reason and time were lost. A socket open all along stays READY.
 */
class ClosesDuringOutageIT {

    private static final Duration DETECTION = Duration.ofSeconds(20);

    /** A socket's close happened between {@code before} and {@code journaled}. */
    private record Closed(String id, Instant before, Instant journaled) {}

    @Test
    void closesDuringAnOutageAreRecordedAfterItWithTheirRealReasonAndTime() throws Exception {
        Path bin = OwnPostgres.installedBin().orElse(null);
        assertThat(bin != null || System.getenv("CI") == null)
                .as("CI must run the outage test: no PostgreSQL installation under /usr/lib/postgresql")
                .isTrue();
        assumeTrue(bin != null, "needs a PostgreSQL installation under /usr/lib/postgresql to stop and start");
        String user = Tokens.newUserId();
        try (OwnPostgres postgres = OwnPostgres.start(bin);
                ConfigurableApplicationContext node = Nodes.node()
                        .properties(
                                "spring.datasource.url=" + postgres.jdbcUrl(),
                                "spring.datasource.username=postgres",
                                "spring.datasource.password=",
                                "switchboard.gateway.close-journal-capacity=3",
                                "switchboard.gateway.auth-timeout=5m")
                        .run();
                TestSocket live = TestSocket.connect(port(node));
                TestSocket clientCloses = TestSocket.connect(port(node));
                TestSocket serverCloses = TestSocket.connect(port(node));
                TestSocket neverAuthenticated = TestSocket.connect(port(node));
                TestSocket beyondTheJournal = TestSocket.connect(port(node))) {
            ApiClient api = new ApiClient(port(node));
            MeterRegistry meters = node.getBean(MeterRegistry.class);
            String liveId =
                    live.authenticate(Tokens.user(user)).path("connectionId").asText();
            String clientId = clientCloses
                    .authenticate(Tokens.user(user))
                    .path("connectionId")
                    .asText();
            String serverId = serverCloses
                    .authenticate(Tokens.user(user))
                    .path("connectionId")
                    .asText();
            String lostId = beyondTheJournal
                    .authenticate(Tokens.user(user))
                    .path("connectionId")
                    .asText();
            String anonymousId =
                    neverAuthenticated.expect("welcome").path("connectionId").asText();
            Instant beforeOutage = Instant.now();

            postgres.stop();
            await().atMost(DETECTION).until(() -> readiness(api) == 503);
            Instant before = Instant.now();
            clientCloses.close();
            Closed byClient = journaled(clientId, before, meters, 1);
            before = Instant.now();
            serverCloses.sendBinary(new byte[] {1});
            assertThat(serverCloses.awaitClose()).isEqualTo(1003);
            Closed byServer = journaled(serverId, before, meters, 2);
            before = Instant.now();
            neverAuthenticated.close();
            Closed anonymous = journaled(anonymousId, before, meters, 3);
            beyondTheJournal.close();
            await().atMost(DETECTION)
                    .until(() -> meters.counter("switchboard.closes.lost").count() == 1);
            Instant restarted = Instant.now();

            postgres.startAgain();
            await().atMost(DETECTION).until(() -> readiness(api) == 200);
            await("every close recorded")
                    .atMost(DETECTION)
                    .until(() -> meters.get("switchboard.closes.unrecorded")
                                            .gauge()
                                            .value()
                                    == 0
                            && connection(api, lostId).path("state").asText().equals("CLOSED"));

            assertClosed(api, byClient, "CLIENT_CLOSED", restarted);
            assertClosed(api, byServer, "PROTOCOL_ERROR", restarted);
            JsonNode anonymousRow = assertClosed(api, anonymous, "CLIENT_CLOSED", restarted);
            assertThat(Instant.parse(anonymousRow.path("openedAt").asText()))
                    .as("its upgrade, recorded with its close, keeps the upgrade's time")
                    .isBefore(beforeOutage);
            JsonNode lost = connection(api, lostId);
            assertThat(lost.path("closeReason").asText()).isEqualTo("SERVER_CLOSED");
            assertThat(Instant.parse(lost.path("closedAt").asText())).isAfterOrEqualTo(truncated(restarted));
            assertThat(close(api, lostId).path("payload").path("detail").asText())
                    .contains("its reason and time were lost");

            assertThat(connection(api, liveId).path("state").asText()).isEqualTo("READY");
            assertThat(api.get("/api/connections?state=READY&userId=" + user, Tokens.admin())
                            .body()
                            .path("connections"))
                    .singleElement()
                    .satisfies(
                            row -> assertThat(row.path("connectionId").asText()).isEqualTo(liveId));
            live.send("{\"type\":\"ping\"}");
            live.expect("pong");
        }
    }

    /** Waits until the node's journal holds {@code waiting} closes, the socket's the last of them. */
    private static Closed journaled(String id, Instant before, MeterRegistry meters, int waiting) {
        await().atMost(DETECTION)
                .until(() -> meters.get("switchboard.closes.unrecorded").gauge().value() == waiting);
        return new Closed(id, before, Instant.now());
    }

    /**
     * The row and the close event carry the time of the close, which was before the restart; the event's own
     * timestamp (when the log took it) is after the restart.
     */
    private static JsonNode assertClosed(ApiClient api, Closed closed, String reason, Instant restarted) {
        JsonNode row = connection(api, closed.id());
        assertThat(row.path("state").asText()).isEqualTo("CLOSED");
        assertThat(row.path("closeReason").asText()).isEqualTo(reason);
        JsonNode event = close(api, closed.id());
        Instant at = Instant.parse(event.path("payload").path("at").asText());
        assertThat(event.path("payload").path("reason").asText()).isEqualTo(reason);
        assertThat(at)
                .as("time of the close")
                .isBetween(truncated(closed.before()), closed.journaled())
                .isBefore(restarted);
        assertThat(Instant.parse(row.path("closedAt").asText())).isCloseTo(at, within(1, ChronoUnit.MILLIS));
        assertThat(Instant.parse(event.path("timestamp").asText()))
                .as("when the log took it")
                .isAfter(restarted);
        return row;
    }

    private static JsonNode connection(ApiClient api, String id) {
        var answer = api.get("/api/connections/" + id, Tokens.admin());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private static JsonNode close(ApiClient api, String id) {
        JsonNode events = api.get("/api/connections/" + id + "/history", Tokens.admin())
                .body()
                .path("events");
        assertThat(events)
                .filteredOn(event -> event.path("type").asText().equals("ConnectionClosed"))
                .hasSize(1);
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("ConnectionClosed")) {
                return event;
            }
        }
        throw new AssertionError("no close in " + events);
    }

    /** PostgreSQL keeps microseconds. */
    private static Instant truncated(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static int readiness(ApiClient api) {
        return api.get("/actuator/health/readiness", null).status();
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
