package dev.switchboard.gateway.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Spring's handshake, but a request to {@code /ws} that is not a WebSocket upgrade (a browser or a probe that GETs
 * it, a proxy that dropped the {@code Upgrade} or {@code Connection} header) is the client's mistake: it is answered
 * 400 with a sentence saying what was missing, and logged at DEBUG. Spring logs each at ERROR, which would teach an
 * operator to ignore ERRORs.
 */
final class NotAnUpgrade extends DefaultHandshakeHandler {

    private static final Logger log = LoggerFactory.getLogger(NotAnUpgrade.class);

    @Override
    protected void handleInvalidUpgradeHeader(ServerHttpRequest request, ServerHttpResponse response)
            throws IOException {
        refuse(response, "This endpoint takes only WebSocket upgrades: send 'Upgrade: websocket'.");
    }

    @Override
    protected void handleInvalidConnectHeader(ServerHttpRequest request, ServerHttpResponse response)
            throws IOException {
        refuse(response, "This endpoint takes only WebSocket upgrades: send 'Connection: Upgrade'.");
    }

    private static void refuse(ServerHttpResponse response, String sentence) throws IOException {
        log.debug("refused a request to the WebSocket endpoint: {}", sentence);
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getBody().write(sentence.getBytes(StandardCharsets.UTF_8));
    }
}
