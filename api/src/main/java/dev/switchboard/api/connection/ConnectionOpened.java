package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A socket was upgraded and its connection started.
 *
 * <p>Revision 2 added {@code remoteAddress}; revision 1 events are upcast with it unknown (null).
 *
 * @param remoteAddress the client's address as the node saw it; null when unknown
 */
@Revision("2")
public record ConnectionOpened(String connectionId, String nodeId, String remoteAddress, Instant at)
        implements ConnectionEvent {

    /** A connection whose client address is unknown. */
    public ConnectionOpened(String connectionId, String nodeId, Instant at) {
        this(connectionId, nodeId, null, at);
    }
}
