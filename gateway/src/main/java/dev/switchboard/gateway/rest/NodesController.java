package dev.switchboard.gateway.rest;

import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.registry.ConnectionCount;
import dev.switchboard.gateway.auth.VerifiedToken;
import dev.switchboard.gateway.cluster.NodeLease;
import dev.switchboard.gateway.cluster.NodeLeases;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cluster as operators see it: each node's lease and the connections the registry shows open on it. A node with
 * open connections but no lease row is listed as {@value #UNLEASED}: nobody will reap it, so its connections need an
 * operator.
 */
@RestController
class NodesController {

    static final String UNLEASED = "UNLEASED";
    private static final List<ConnectionState> LIVE =
            List.of(ConnectionState.OPENED, ConnectionState.AUTHENTICATED, ConnectionState.READY);

    /** @param connections open connections on the node by state (OPENED, AUTHENTICATED, READY) */
    record Node(
            String nodeId,
            String state,
            Instant startedAt,
            Instant renewedAt,
            Instant expiresAt,
            String reapedBy,
            Map<ConnectionState, Long> connections) {}

    record Page(List<Node> nodes) {}

    private final NodeLeases leases;
    private final ConnectionRegistry registry;

    NodesController(NodeLeases leases, ConnectionRegistry registry) {
        this.leases = leases;
        this.registry = registry;
    }

    @GetMapping("/api/nodes")
    Page nodes(@AuthenticationPrincipal VerifiedToken caller) {
        if (!caller.hasScope(VerifiedToken.ADMIN)) { // also enforced by the filter chain, before this is reached
            throw ApiException.forbidden("This request needs a token with scope " + VerifiedToken.ADMIN + ".");
        }
        Map<String, Map<ConnectionState, Long>> live = new TreeMap<>();
        for (ConnectionCount count : registry.countByStateAndNode()) {
            if (LIVE.contains(count.state())) {
                live.computeIfAbsent(count.nodeId(), node -> zeroes()).put(count.state(), count.count());
            }
        }
        Map<String, NodeLease> byNode = new LinkedHashMap<>();
        leases.all().forEach(lease -> byNode.put(lease.nodeId(), lease));
        var nodeIds = new TreeSet<>(byNode.keySet());
        nodeIds.addAll(live.keySet());
        return new Page(nodeIds.stream()
                .map(nodeId -> {
                    NodeLease lease = byNode.get(nodeId);
                    Map<ConnectionState, Long> connections = live.getOrDefault(nodeId, zeroes());
                    return lease == null
                            ? new Node(nodeId, UNLEASED, null, null, null, null, connections)
                            : new Node(
                                    nodeId,
                                    lease.state().name(),
                                    lease.startedAt(),
                                    lease.renewedAt(),
                                    lease.expiresAt(),
                                    lease.reapedBy(),
                                    connections);
                })
                .toList());
    }

    private static Map<ConnectionState, Long> zeroes() {
        Map<ConnectionState, Long> counts = new LinkedHashMap<>();
        LIVE.forEach(state -> counts.put(state, 0L));
        return counts;
    }
}
