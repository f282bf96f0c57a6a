package dev.switchboard.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.Map;

/** A client that says, through {@code X-Forwarded-For}, where it comes from, and what the node wrote down. */
final class ForwardedAddresses {

    private ForwardedAddresses() {}

    /** Connects saying {@code forwardedFor}, authenticates, and returns the address its ConnectionOpened records. */
    static String recordedAddress(int port, String forwardedFor) {
        String user = Tokens.newUserId();
        String token = Tokens.user(user);
        String connectionId;
        try (TestSocket socket = TestSocket.connect(port, Map.of("X-Forwarded-For", forwardedFor))) {
            connectionId = socket.authenticate(token).path("connectionId").asText();
        }
        var history = new ApiClient(port).get("/api/connections/" + connectionId + "/history", token);
        assertThat(history.status()).isEqualTo(200);
        JsonNode opened = history.body().path("events").get(0);
        assertThat(opened.path("type").asText()).isEqualTo("ConnectionOpened");
        return opened.path("payload").path("remoteAddress").asText();
    }
}
