package dev.switchboard.bench.bare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The push floor's feeds, in memory: each user's READY sockets and seq counter. A socket's token is checked with the
 * same kind of decoder as the API's. A publish takes the user's lock, gives the event the next seq, hands it to the
 * store and then sends it on the user's sockets, so each socket sees the user's seqs in order and without gaps.
 */
final class UserFeeds implements SocketUsers {

    private static final String USER = "bench.user";

    private final JwtDecoder tokens;
    private final ObjectMapper json;
    private final FeedStore store;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();

    private static final class Feed {
        private long seq;
        private final List<WebSocketSession> sockets = new CopyOnWriteArrayList<>();
    }

    UserFeeds(JwtDecoder tokens, ObjectMapper json, FeedStore store) {
        this.tokens = tokens;
        this.json = json;
        this.store = store;
    }

    @Override
    public String authenticate(WebSocketSession session, String authFrame) throws Exception {
        try {
            return tokens.decode(json.readTree(authFrame).path("token").asText())
                    .getSubject();
        } catch (JwtException e) {
            session.close(CloseStatus.POLICY_VIOLATION);
            return null;
        }
    }

    @Override
    public void ready(WebSocketSession session, String userId) {
        session.getAttributes().put(USER, userId);
        feed(userId).sockets.add(session);
    }

    @Override
    public void closed(WebSocketSession session) {
        if (session.getAttributes().get(USER) instanceof String userId) {
            feed(userId).sockets.remove(session);
        }
    }

    /** @return the event's seq in the user's feed */
    long publish(String userId, String runId, String event, Map<String, Object> data) throws Exception {
        Feed feed = feed(userId);
        synchronized (feed) {
            long seq = feed.seq + 1;
            ObjectNode frame = json.createObjectNode()
                    .put("type", "event")
                    .put("seq", seq)
                    .put("runId", runId)
                    .put("event", event);
            frame.set("data", json.valueToTree(data == null ? Map.of() : data));
            String text = json.writeValueAsString(frame);
            store.append(userId, seq, text);
            feed.seq = seq;
            for (WebSocketSession socket : feed.sockets) {
                synchronized (socket) {
                    socket.sendMessage(new TextMessage(text));
                }
            }
            return seq;
        }
    }

    private Feed feed(String userId) {
        return feeds.computeIfAbsent(userId, user -> new Feed());
    }
}
