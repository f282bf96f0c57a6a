package dev.switchboard.gateway.cluster;

import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Connections the registry still shows open on a node that no longer holds their sockets. Each is closed through the
 * aggregate as NODE_LOST, issued by this node, so the history says who closed it and why; when two nodes close the
 * same one, the second close changes nothing.
 */
@Component
class LeftoverConnections {

    private static final Logger log = LoggerFactory.getLogger(LeftoverConnections.class);

    private final ConnectionRegistry registry;
    private final ConnectionCommands commands;
    private final String self;

    LeftoverConnections(ConnectionRegistry registry, ConnectionCommands commands, NodeIdentity node) {
        this.registry = registry;
        this.commands = commands;
        this.self = node.id();
    }

    /**
     * @param openedBy only connections opened by then: a node back under the same id since keeps its new ones
     * @return how many were closed
     */
    int close(String nodeId, Instant openedBy, String detail) {
        int closed = 0;
        for (ConnectionView connection : registry.liveOnNode(nodeId, openedBy)) {
            try {
                commands.send(new CloseConnection(connection.preliminaryId(), CloseReason.NODE_LOST, detail, self));
                closed++;
            } catch (ConnectionRejectedException e) {
                log.warn(
                        "could not close connection {} left on node {}: {}",
                        connection.preliminaryId(),
                        nodeId,
                        e.getMessage());
            }
        }
        if (closed > 0) {
            log.info("closed {} connections left on node {} as NODE_LOST", closed, nodeId);
        }
        return closed;
    }

    int count(String nodeId, Instant openedBy) {
        return registry.liveOnNode(nodeId, openedBy).size();
    }
}
