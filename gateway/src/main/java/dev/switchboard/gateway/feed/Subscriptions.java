package dev.switchboard.gateway.feed;

import dev.switchboard.gateway.socket.ReadySocket;
import dev.switchboard.gateway.socket.SocketListener;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This node's READY sockets, each with its place in its user's feed, by connection id and by user: a delivery finds
 * the sockets of the users it carries without looking at anyone else's. The socket engine reports a socket READY
 * (its feed starts: {@code ready}, then what the client missed), its token refreshed ({@code ready} again) and its
 * end.
 */
@Component
class Subscriptions implements SocketListener {

    /** A READY socket, its cursor and what the backlog read ahead for it; both are only touched under its lock. */
    record Subscription(ReadySocket socket, FeedCursor cursor, ReadAhead ahead) {

        String userId() {
            return socket.userId();
        }

        /**
         * Runs {@code sends} under the socket's lock while it is READY. A client that cannot keep up is closed by the
         * socket engine; any other failure costs these sends only: the socket stays behind, and the next delivery,
         * announcement or sweep for its user reads what it lacks from the log.
         */
        void whileReady(Runnable sends) {
            try {
                socket.whileReady(sends);
            } catch (RuntimeException e) {
                log.warn("sending the feed to connection {} failed: {}", socket.connectionId(), e.getMessage());
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final Map<String, Subscription> byConnection = new ConcurrentHashMap<>();
    private final UserIndex<Subscription> byUser = new UserIndex<>();
    private final FeedSender sender;
    private final Backlog backlog;

    Subscriptions(FeedSender sender, Backlog backlog) {
        this.sender = sender;
        this.backlog = backlog;
    }

    /**
     * Listed before the feed starts, under the socket's lock: a delivery that finds it waits for the lock and then
     * finds the cursor started, and one that does not find it committed its event before the start's head read.
     */
    @Override
    public void ready(ReadySocket socket, Long lastSeq) {
        Subscription subscription = new Subscription(socket, new FeedCursor(), backlog.newReadAhead());
        byConnection.put(socket.connectionId(), subscription);
        byUser.add(socket.userId(), subscription);
        sender.start(subscription, lastSeq);
    }

    @Override
    public void readyAgain(ReadySocket socket) {
        sender.sendReady(socket);
    }

    @Override
    public void closed(String connectionId) {
        Subscription subscription = byConnection.remove(connectionId);
        if (subscription != null) {
            byUser.remove(subscription.userId(), subscription);
            subscription.ahead().discard();
        }
    }

    /** The user's READY sockets on this node; empty when it holds none. */
    Collection<Subscription> ofUser(String userId) {
        return byUser.of(userId);
    }

    boolean holds(String userId) {
        return byUser.holds(userId);
    }

    /** The users this node holds READY sockets of. */
    Set<String> users() {
        return byUser.users();
    }
}
