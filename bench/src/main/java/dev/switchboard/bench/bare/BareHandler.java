package dev.switchboard.bench.bare;

import java.util.UUID;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Answers {@code welcome} on connect and {@code ready} on {@code auth}: the protocol's shape, none of its work. An
 * {@code echo} frame comes back as it is: the floor under the delivery latency. Sends hold the session's lock, since a
 * push floor also sends from request threads.
 */
final class BareHandler extends TextWebSocketHandler {

    private final SocketUsers users;

    BareHandler(SocketUsers users) {
        this.users = users;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        send(
                session,
                "{\"type\":\"welcome\",\"connectionId\":\"pre_" + UUID.randomUUID() + "\",\"heartbeatSeconds\":25}");
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        if (message.getPayload().contains("\"echo\"")) {
            synchronized (session) {
                session.sendMessage(message);
            }
        } else if (message.getPayload().contains("\"auth\"")) {
            String user = users.authenticate(session, message.getPayload());
            if (user != null) {
                send(
                        session,
                        "{\"type\":\"ready\",\"connectionId\":\"conn_" + UUID.randomUUID() + "\",\"userId\":\"" + user
                                + "\",\"lastSeq\":0}");
                users.ready(session, user);
            }
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        users.closed(session);
    }

    private static void send(WebSocketSession session, String frame) throws Exception {
        synchronized (session) {
            session.sendMessage(new TextMessage(frame));
        }
    }
}
