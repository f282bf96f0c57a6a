package dev.switchboard.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's files are public and come from the jar; its data is not. Its pages carry a content security policy
 * that lets them run only the node's own scripts and talk only to the node.
 */
class ConsolePagesIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void theConsoleIsServedWithoutATokenUnderAStrictContentSecurityPolicy() {
        var api = new ApiClient(port);

        var page = api.get("/console/", null);
        var script = api.get("/console/api.js", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("Live registry").doesNotContain("<script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
    }

    @Test
    void theConsoleWithoutItsSlashRedirectsToIt() {
        var answer = new ApiClient(port).get("/console", null);

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/console/"));
    }

    @Test
    void theConsolesDataStillNeedsAToken() {
        var answer = new ApiClient(port).get("/api/registry/live", null);

        assertThat(answer.status()).isEqualTo(401);
    }
}
