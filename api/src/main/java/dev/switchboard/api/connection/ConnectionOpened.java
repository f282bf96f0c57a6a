package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A socket was upgraded and its connection started.
 *
 * <p>Revision 2 added {@code remoteAddress}; revision 1 events are upcast with it unknown (null).
 *
 * @param remoteAddress the client's address as the node saw it, or as much of it as the node's privacy setting lets
 *     the log keep: its network ({@code 203.0.113.0/24}, {@code 2001:db8:1:0:0:0:0:0/48}) or nothing; null when unknown
 *     or not kept
 */
@Revision("2")
public record ConnectionOpened(String connectionId, String nodeId, String remoteAddress, Instant at)
        implements ConnectionEvent {

    /** A connection whose client address is unknown. */
    public ConnectionOpened(String connectionId, String nodeId, Instant at) {
        this(connectionId, nodeId, null, at);
    }
}
