package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.registry.ConnectionView;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.gateway.availability.AvailabilityProperties;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.node.PeriodicJob;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After an outage, at the database probe's pace: records the closes the node kept ({@link UnrecordedCloses}), then,
 * when the journal was full and some were lost, closes each row this node shows open but holds no socket of, as
 * SERVER_CLOSED with a detail saying its reason and time were lost. A socket stays listed until its close is recorded
 * or journaled, and the rows are read before the sockets and the journal, so an open socket, or one whose close is on
 * its way, is never taken for a lost one.
 */
@Component
class OutageCloses extends PeriodicJob {

    static final String LOST = "the socket closed while the database did not answer and the node's journal of "
            + "unrecorded closes was full: its reason and time were lost";
    private static final Logger log = LoggerFactory.getLogger(OutageCloses.class);

    private final UnrecordedCloses journal;
    private final DatabaseAvailability database;
    private final ConnectionRegistry registry;
    private final ConnectionCommands commands;
    private final LocalSockets sockets;
    private final NodeIdentity node;
    private final Clock clock;

    OutageCloses(
            UnrecordedCloses journal,
            DatabaseAvailability database,
            AvailabilityProperties availability,
            ConnectionRegistry registry,
            ConnectionCommands commands,
            LocalSockets sockets,
            NodeIdentity node,
            Clock clock) {
        super("outage-closes", availability::databaseProbeInterval);
        this.journal = journal;
        this.database = database;
        this.registry = registry;
        this.commands = commands;
        this.sockets = sockets;
        this.node = node;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        if (!database.isAvailable() || !journal.record()) {
            return;
        }
        Instant lostSince = journal.lostSince();
        if (lostSince != null) {
            closeRowsWithoutSockets(lostSince);
            journal.settled(lostSince);
        }
    }

    /** @return how many rows were closed */
    int closeRowsWithoutSockets(Instant lostSince) {
        var open = registry.liveOnNode(node.id(), clock.instant());
        Set<String> held = new HashSet<>();
        sockets.all().forEach(session -> held.add(session.preliminaryId()));
        held.addAll(journal.waiting());
        int closed = 0;
        for (ConnectionView row : open) {
            String id = row.preliminaryId();
            if (held.contains(id)) {
                continue;
            }
            try {
                commands.send(new CloseConnection(id, CloseReason.SERVER_CLOSED, LOST, node.id()));
                closed++;
            } catch (ConnectionRejectedException e) {
                log.warn("could not close connection {}, whose close was lost: {}", id, e.getMessage());
            }
        }
        log.warn(
                "closed {} connections whose sockets closed while the database did not answer, from {} on, when the "
                        + "journal of unrecorded closes was full: their reason and time are lost",
                closed,
                lostSince);
        return closed;
    }
}
