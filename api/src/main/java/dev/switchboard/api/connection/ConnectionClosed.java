package dev.switchboard.api.connection;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** @param nodeId the node that closed it, which is not the node that held it when the reason is NODE_LOST */
@Revision("1")
public record ConnectionClosed(
        String connectionId, ConnectionState stateBefore, CloseReason reason, String detail, String nodeId, Instant at)
        implements ConnectionEvent {}
