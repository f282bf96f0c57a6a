package dev.switchboard.command.connection;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.MigrateConnectionId;
import java.util.Collection;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds the connections a command (or a group of them) addresses on this node until it has committed. A group's units
 * of work put each aggregate into the cache before the group's one commit; another command of this node must not load
 * that state meanwhile and append after it, since the group may still roll back. Striped: two connections may share
 * a lock, which only makes one wait for the other's commit. Stripes are taken in ascending order, so two groups
 * never wait on each other.
 */
final class ConnectionLocks {

    private static final int STRIPES = 1024;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    ConnectionLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Takes the locks of every stream the commands write: their connections and the final ids they claim. */
    Held hold(Collection<? extends ConnectionCommand> commands) {
        var indexes = new TreeSet<Integer>();
        for (ConnectionCommand command : commands) {
            indexes.add(stripe(command.connectionId()));
            if (command instanceof MigrateConnectionId migrate && migrate.finalId() != null) {
                indexes.add(stripe(migrate.finalId()));
            }
        }
        indexes.forEach(index -> stripes[index].lock());
        return () -> indexes.descendingSet().forEach(index -> stripes[index].unlock());
    }

    /** The stripe whose lock stands for {@code id}; tests that hold one group while others queue pick ids by it. */
    static int stripe(String id) {
        return id == null ? 0 : Math.floorMod(id.hashCode(), STRIPES);
    }

    /** Released by closing, on the thread that took them. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
