package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.command.connection.GroupFailedException;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.privacy.ClientAddress;
import dev.switchboard.gateway.privacy.PrivacyProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a socket's life into the log, in at most two commits: the handshake (the upgrade, authenticated, final id,
 * ready) in one, the close in the other; a socket closed before its handshake committed gets its upgrade and its close
 * in one. The upgrade keeps its own time and address ({@link SocketLog}), the address as much of it as the operator
 * lets the log keep ({@code switchboard.privacy.client-address}).
 *
 * <p>A close keeps the time the node saw it. While the database is known to be down a close is not tried: it would
 * hold the calling thread (a socket timer, a container thread) for the pool's timeout and fail all the same, and the
 * timer that pings every live socket must not wait on a database that a ping does not need. It goes to the journal of
 * {@link UnrecordedCloses} instead, as does a close that the database failed, and is recorded when it answers again.
 */
@Component
class LifecycleRecorder {

    private static final Logger log = LoggerFactory.getLogger(LifecycleRecorder.class);

    private final ConnectionCommands commands;
    private final NodeIdentity node;
    private final DatabaseAvailability database;
    private final UnrecordedCloses journal;
    private final Clock clock;
    private final ClientAddress recordedAddress;

    LifecycleRecorder(
            ConnectionCommands commands,
            NodeIdentity node,
            DatabaseAvailability database,
            UnrecordedCloses journal,
            Clock clock,
            PrivacyProperties privacy) {
        this.commands = commands;
        this.node = node;
        this.database = database;
        this.journal = journal;
        this.clock = clock;
        this.recordedAddress = privacy.clientAddress();
    }

    /**
     * Commits the handshake's steps, behind the upgrade when the log does not hold it yet, in one group.
     *
     * @return false when the socket was closed first: its close is, or is about to be, in the log, and nothing was sent
     * @throws ConnectionRejectedException a step was refused; it and the steps before it are in the log
     * @throws GroupFailedException the steps could not all be written
     */
    boolean handshake(SocketSession session, List<ConnectionCommand> steps) throws ConnectionRejectedException {
        if (isClosing(session)) {
            return false;
        }
        SocketLog socketLog = session.log();
        synchronized (socketLog.lock()) {
            if (socketLog.ended()) {
                return false;
            }
            send(session, steps);
            return true;
        }
    }

    void close(SocketSession session, CloseReason reason, String detail) {
        String id = session.preliminaryId();
        SocketLog socketLog = session.log();
        synchronized (socketLog.lock()) {
            if (socketLog.ended()) {
                return;
            }
            socketLog.end();
            // read under the lock, so that it is never earlier than a handshake step committed while this waited
            Instant closedAt = clock.instant();
            List<ConnectionCommand> group =
                    withUpgrade(session, List.of(new CloseConnection(id, reason, detail, node.id(), closedAt)));
            if (!database.isAvailable()) {
                if (journal.keep(id, group)) {
                    log.warn("close of connection {} ({}) kept for later: the database does not answer", id, reason);
                }
                return;
            }
            try {
                commands.sendAll(group);
            } catch (ConnectionRejectedException e) {
                log.warn("close of connection {} was refused: {}", id, e.getMessage());
            } catch (RuntimeException e) {
                database.observed(e);
                int committed = e instanceof GroupFailedException failed ? failed.committed() : 0;
                if (journal.keep(id, group.subList(committed, group.size()))) {
                    log.warn("close of connection {} kept for later: it could not be recorded: {}", id, e.getMessage());
                }
            }
        }
    }

    /** Under the socket log's lock. A refused step means the log holds the upgrade: it went first, or was there. */
    private void send(SocketSession session, List<ConnectionCommand> steps) throws ConnectionRejectedException {
        SocketLog socketLog = session.log();
        boolean opening = !socketLog.opened();
        List<ConnectionCommand> group = withUpgrade(session, steps);
        try {
            commands.sendAll(group);
            socketLog.opened(true);
        } catch (ConnectionRejectedException e) {
            socketLog.opened(true);
            throw e;
        } catch (GroupFailedException e) {
            socketLog.opened(!opening || e.committed() > 0);
            throw e;
        }
    }

    /** The steps, behind the upgrade when the log does not hold it yet; under the socket log's lock. */
    private List<ConnectionCommand> withUpgrade(SocketSession session, List<ConnectionCommand> steps) {
        SocketLog socketLog = session.log();
        if (socketLog.opened()) {
            return steps;
        }
        List<ConnectionCommand> group = new ArrayList<>(steps.size() + 1);
        group.add(new OpenConnection(
                session.preliminaryId(),
                node.id(),
                recordedAddress.recorded(socketLog.remoteAddress()),
                socketLog.upgradedAt()));
        group.addAll(steps);
        return group;
    }

    private static boolean isClosing(SocketSession session) {
        synchronized (session.lock()) {
            return session.phase() == SocketSession.Phase.CLOSING;
        }
    }
}
