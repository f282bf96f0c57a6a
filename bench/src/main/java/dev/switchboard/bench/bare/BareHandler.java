package dev.switchboard.bench.bare;

import java.util.UUID;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Answers {@code welcome} on connect and {@code ready} on {@code auth}: the protocol's shape, none of its work. An
 * {@code echo} frame comes back as it is: the floor under the delivery latency.
 */
final class BareHandler extends TextWebSocketHandler {

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        session.sendMessage(new TextMessage(
                "{\"type\":\"welcome\",\"connectionId\":\"pre_" + UUID.randomUUID() + "\",\"heartbeatSeconds\":25}"));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        if (message.getPayload().contains("\"echo\"")) {
            session.sendMessage(message);
        } else if (message.getPayload().contains("\"auth\"")) {
            session.sendMessage(new TextMessage("{\"type\":\"ready\",\"connectionId\":\"conn_" + UUID.randomUUID()
                    + "\",\"userId\":\"bench\",\"lastSeq\":0}"));
        }
    }
}
