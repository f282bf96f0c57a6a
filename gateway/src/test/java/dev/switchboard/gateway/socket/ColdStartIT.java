package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A client connecting while the node starts: the web server already listens, the node is not ready yet. The upgrade
 * is refused with 503 (never accepted and then failed) and succeeds once readiness is UP.
 */
class ColdStartIT {

    static final CountDownLatch startUpHeld = new CountDownLatch(1);
    static final AtomicInteger port = new AtomicInteger();

    @Test
    void upgradesAreRefusedUntilTheNodeIsReadyAndThenSucceed() throws Exception {
        CompletableFuture<ConfigurableApplicationContext> starting =
                CompletableFuture.supplyAsync(() -> Nodes.node(SlowStart.class).run());
        try {
            await().atMost(TestSocket.WAIT.multipliedBy(3)).until(() -> port.get() > 0);

            assertThat(TestSocket.refusedStatus(port.get())).isEqualTo(503);
            assertThat(readiness()).isEqualTo(503);

            startUpHeld.countDown();
            await().atMost(TestSocket.WAIT).until(() -> readiness() == 200);
            try (TestSocket socket = TestSocket.connect(port.get())) {
                assertThat(socket.authenticate(Tokens.user(Tokens.newUserId()))
                                .path("type")
                                .asText())
                        .isEqualTo("ready");
            }
        } finally {
            startUpHeld.countDown();
            starting.get(60, TimeUnit.SECONDS).close();
        }
    }

    private static int readiness() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port.get() + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * Holds the start-up after the web server listens and before the node reports ready, as a slow start would. Not a
     * {@code @Configuration}: component scanning in other tests' nodes must not find it.
     */
    static class SlowStart {

        @Bean
        ApplicationListener<WebServerInitializedEvent> portCapture() {
            return event -> port.set(event.getWebServer().getPort());
        }

        @Bean
        ApplicationRunner holdStartUp() {
            return arguments -> startUpHeld.await(60, TimeUnit.SECONDS);
        }
    }
}
