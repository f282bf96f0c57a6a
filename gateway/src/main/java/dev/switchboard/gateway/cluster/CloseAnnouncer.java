package dev.switchboard.gateway.cluster;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.gateway.socket.SocketsElsewhere;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells every node of a close this node recorded for a socket it does not hold, on the channel {@value #CHANNEL}, as
 * {@code <connection id> <reason>}; the node holding the socket hears it ({@link ClosesChannel}) and closes it. It is
 * sent on the caller's thread, right after the close's commit, so a later commit (an event for the connection's user)
 * is heard after it.
 */
@Component
class CloseAnnouncer implements SocketsElsewhere {

    static final String CHANNEL = "switchboard_closes";
    private static final Logger log = LoggerFactory.getLogger(CloseAnnouncer.class);

    private final Announcements announcements;

    CloseAnnouncer(Announcements announcements) {
        this.announcements = announcements;
    }

    @Override
    public void closeRecorded(String connectionId, CloseReason reason) {
        try {
            announcements.send(CHANNEL, List.of(connectionId + " " + reason.name()));
        } catch (RuntimeException e) {
            log.warn(
                    "could not announce the close of connection {}; the node holding it finds it on its next check: {}",
                    connectionId,
                    e.getMessage());
        }
    }
}
