package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.HardenedNodeTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A browser page from another site cannot open a socket: only the configured origins may. */
class AllowedOriginsIT extends HardenedNodeTest {

    @Test
    void anUpgradeFromAnotherOriginIsRefusedWith403AndOneFromTheAllowedOriginIsServed() {
        assertThat(TestSocket.refusedStatus(port, Map.of("Origin", "https://evil.example")))
                .isEqualTo(403);

        try (TestSocket socket = TestSocket.connect(port, Map.of("Origin", ALLOWED_ORIGIN))) {
            assertThat(socket.authenticate(Tokens.user(Tokens.newUserId()))
                            .path("type")
                            .asText())
                    .isEqualTo("ready");
        }
    }
}
