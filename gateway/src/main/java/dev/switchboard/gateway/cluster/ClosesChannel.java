package dev.switchboard.gateway.cluster;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.gateway.socket.RecordedCloses;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Closes recorded on other nodes for sockets this node holds: heard on the channel {@value CloseAnnouncer#CHANNEL},
 * and, for announcements that were lost, found by checking the sockets this node holds against the registry
 * ({@link #closeThoseClosedInRegistry()}: after the listener was away, and every
 * {@code switchboard.cluster.close-check-interval}). Each such socket is closed with its reason's code, 4010 for a kick.
 */
@Component
class ClosesChannel implements AnnouncementChannel {

    private static final Logger log = LoggerFactory.getLogger(ClosesChannel.class);

    private final RecordedCloses closes;
    private final ConnectionRegistry registry;

    ClosesChannel(RecordedCloses closes, ConnectionRegistry registry) {
        this.closes = closes;
        this.registry = registry;
    }

    @Override
    public String name() {
        return CloseAnnouncer.CHANNEL;
    }

    @Override
    public void heard(List<String> payloads) {
        for (String payload : payloads) {
            String[] parts = payload.split(" ", 2);
            CloseReason reason = parts.length == 2 ? reason(parts[1]) : null;
            if (reason == null) {
                log.warn("ignored a close announcement that is not '<connection id> <reason>': {}", payload);
            } else if (closes.close(parts[0], reason)) {
                log.info("closed the socket of connection {}: another node recorded its close ({})", parts[0], reason);
            }
        }
    }

    @Override
    public void missedSome() {
        closeThoseClosedInRegistry();
    }

    /** @return how many sockets were closed */
    int closeThoseClosedInRegistry() {
        int closed = 0;
        for (Map.Entry<String, CloseReason> close :
                registry.closedAmong(closes.held()).entrySet()) {
            if (closes.close(close.getKey(), close.getValue())) {
                closed++;
            }
        }
        if (closed > 0) {
            log.warn("closed {} sockets whose connections another node had closed, unannounced", closed);
        }
        return closed;
    }

    private static CloseReason reason(String name) {
        try {
            return CloseReason.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
