package dev.switchboard.gateway.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.support.Tokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator sees of a rebuild over HTTP, and who may start one. */
class RegistryRebuildApiIT extends RebuildIntegrationTest {

    @Test
    void progressIsReportedWhileTheRebuildRunsAndTheEndStateAfterwards() {
        var started = startRebuild("");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.body().path("state").asText()).isEqualTo("REBUILDING");

        JsonNode[] running = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    running[0] = status();
                    // replaying, or comparing ahead of the lock and catching up: both are the run an operator watches
                    return List.of("REBUILDING", "VERIFYING")
                                    .contains(running[0].path("state").asText())
                            && running[0].at("/rebuild/eventsDone").asLong() > 0;
                });
        JsonNode progress = running[0].path("rebuild");
        assertThat(progress.path("eventsTotal").asLong())
                .isGreaterThanOrEqualTo(progress.path("eventsDone").asLong());
        assertThat(progress.path("eventsPerSecond").asLong()).isPositive();
        assertThat(progress.path("startedAt").isTextual()).isTrue();
        assertThat(progress.path("finishedAt").isNull()).isTrue();

        JsonNode finished = awaitFinished();
        assertThat(finished.path("state").asText()).as(finished.toString()).isEqualTo("SWITCHED");
        assertThat(finished.at("/rebuild/eventsDone").asLong())
                .isEqualTo(finished.at("/rebuild/eventsTotal").asLong());
        assertThat(finished.at("/rebuild/etaSeconds").asLong()).isZero();
        assertThat(finished.at("/rebuild/lockMillis").isNumber()).isTrue();
        assertThat(finished.at("/rebuild/rowsComparedUnderLock").isNumber()).isTrue();
        assertThat(finished.path("position").asLong())
                .isPositive()
                .isLessThanOrEqualTo(finished.path("head").asLong());
        assertThat(finished.path("lag").asLong())
                .isEqualTo(finished.path("head").asLong()
                        - finished.path("position").asLong());
    }

    @Test
    void aSecondRebuildIsRefusedWhileOneIsRunning() {
        assertThat(startRebuild("").status()).isEqualTo(202);

        var second = startRebuild("?repair=true");

        assertThat(second.status()).as(second.raw()).isEqualTo(409);
        assertThat(second.body().path("error").asText()).isEqualTo("rebuild_running");
        assertThat(awaitFinished().path("state").asText()).isEqualTo("SWITCHED");
    }

    @Test
    void onlyAnAdminMayReadOrRebuildAProjection() {
        String user = Tokens.user(Tokens.newUserId());

        var read = api.get(REGISTRY, user);
        var rebuild = api.post(REGISTRY + "/rebuild", user, "application/json", "");

        assertThat(read.status()).isEqualTo(403);
        assertThat(rebuild.status()).isEqualTo(403);
        assertThat(rebuild.body().path("error").asText()).isEqualTo("forbidden");
        assertThat(rebuild.body().path("message").asText()).contains("admin");
        assertThat(api.get(REGISTRY, null).status()).isEqualTo(401);
        assertThat(status().path("state").asText()).isNotIn("REBUILDING", "VERIFYING");
    }
}
