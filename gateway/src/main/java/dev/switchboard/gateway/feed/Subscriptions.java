package dev.switchboard.gateway.feed;

import dev.switchboard.gateway.socket.ReadySocket;
import dev.switchboard.gateway.socket.SocketListener;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * This node's READY sockets, each with its place in its user's feed, by connection id. The socket engine reports a
 * socket READY (its feed starts: {@code ready}, then what the client missed), its token refreshed ({@code ready}
 * again) and its end.
 */
@Component
class Subscriptions implements SocketListener {

    /** A READY socket and its cursor; the cursor is only touched under the socket's lock. */
    record Subscription(ReadySocket socket, FeedCursor cursor) {

        String userId() {
            return socket.userId();
        }
    }

    private final Map<String, Subscription> byConnection = new ConcurrentHashMap<>();
    private final FeedSender sender;

    Subscriptions(FeedSender sender) {
        this.sender = sender;
    }

    /**
     * Listed before the feed starts, under the socket's lock: a delivery that finds it waits for the lock and then
     * finds the cursor past the replay, and one that does not find it committed its event before the replay's read.
     */
    @Override
    public void ready(ReadySocket socket, Long lastSeq) {
        Subscription subscription = new Subscription(socket, new FeedCursor());
        byConnection.put(socket.connectionId(), subscription);
        sender.start(subscription, lastSeq);
    }

    @Override
    public void readyAgain(ReadySocket socket) {
        sender.sendReady(socket);
    }

    @Override
    public void closed(String connectionId) {
        byConnection.remove(connectionId);
    }

    Optional<Subscription> get(String connectionId) {
        return Optional.ofNullable(byConnection.get(connectionId));
    }

    Collection<Subscription> all() {
        return byConnection.values();
    }
}
