package dev.switchboard.command.connection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.api.connection.ConnectionCommand;
import java.util.Collection;

/**
 * The heads of the connections whose last events this node committed without the aggregate ({@link DecidedSteps}), so
 * that their next steps (above all the close) are decided without reading the stream. A head can be stale, when
 * another node or an operator appended to the stream since; the step decided from it then repeats a sequence number
 * the event table holds, the store refuses it, and the step goes through the aggregate, which loads the stream as it
 * stands. A connection that a command reaches through the aggregate loses its head here, so the two never disagree
 * on one node.
 *
 * <p>Bounded by entry count (Caffeine): a connection whose head was dropped takes the aggregate's path.
 */
final class ConnectionHeads {

    private final Cache<String, ConnectionHead> heads;

    ConnectionHeads(long maximumEntries) {
        this.heads = Caffeine.newBuilder().maximumSize(maximumEntries).build();
    }

    /** The head of the connection, or null when this node did not commit its last events (or has forgotten them). */
    ConnectionHead of(String connectionId) {
        return connectionId == null ? null : heads.getIfPresent(connectionId);
    }

    /** After a commit of decided steps: the connection's new head, or none once it is closed. */
    void committed(String connectionId, ConnectionHead head) {
        if (head == null) {
            heads.invalidate(connectionId);
        } else {
            heads.put(connectionId, head);
        }
    }

    /** Before the commands go through the aggregate: their connections' heads are no longer this node's to know. */
    void forget(Collection<? extends ConnectionCommand> commands) {
        for (ConnectionCommand command : commands) {
            if (command.connectionId() != null) {
                heads.invalidate(command.connectionId());
            }
        }
    }
}
