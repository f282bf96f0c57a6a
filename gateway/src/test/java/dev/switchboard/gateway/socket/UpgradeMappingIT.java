package dev.switchboard.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.HardenedNodeTest;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;

/**
 * {@code /ws} is the first handler mapping every request is matched against ({@code SocketConfiguration} says why),
 * and the API's routes behind it still answer.
 */
class UpgradeMappingIT extends HardenedNodeTest {

    @Autowired
    private HandlerMappingIntrospector mappings;

    @Test
    void theUpgradeIsMatchedFirstAndTheApiRoutesBehindItStillAnswer() throws Exception {
        assertThat(mappings.getHandlerMappings()).first().isInstanceOf(WebSocketHandlerMapping.class);

        try (TestSocket socket =
                TestSocket.connect(port, Map.of("Origin", ALLOWED_ORIGIN, "X-Forwarded-For", newAddress()))) {
            assertThat(socket.authenticate(Tokens.user(Tokens.newUserId()))
                            .path("type")
                            .asText())
                    .isEqualTo("ready");
        }
        var connections = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/connections"))
                                .header("Authorization", "Bearer " + Tokens.admin())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(connections.statusCode()).isEqualTo(200);
    }
}
