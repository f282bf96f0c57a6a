package dev.switchboard.gateway.socket;

import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.command.connection.GroupFailedException;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The journal of closes this node could not record because the database did not answer: each keeps the commands that
 * record it, with the close's real reason and time, to be recorded oldest first once the database answers again
 * ({@link OutageCloses}). It lives in the node's memory: a node that stops before the database comes back leaves its
 * connections to the reaper, as NODE_LOST.
 *
 * <p>It holds at most {@code switchboard.gateway.close-journal-capacity} closes. While the database is down no socket
 * is upgraded, so it needs room for the sockets a node held when the outage began. A close beyond that keeps nothing
 * but the fact that one was lost.
 */
@Component
class UnrecordedCloses {

    private static final Logger log = LoggerFactory.getLogger(UnrecordedCloses.class);

    /** A close to record: the upgrade first when the log does not hold it yet, then the close. */
    private record Entry(String connectionId, List<ConnectionCommand> commands) {}

    private final Deque<Entry> journal = new ArrayDeque<>();
    private final int capacity;
    private final ConnectionCommands commands;
    private final DatabaseAvailability database;
    private final Clock clock;
    private final Counter lost;
    /** When the first close was lost since the last settling; null when none was; under the journal's lock. */
    private Instant lostSince;

    UnrecordedCloses(
            GatewayProperties gateway,
            ConnectionCommands commands,
            DatabaseAvailability database,
            Clock clock,
            MeterRegistry meters) {
        this.capacity = gateway.closeJournalCapacity();
        this.commands = commands;
        this.database = database;
        this.clock = clock;
        Gauge.builder("switchboard.closes.unrecorded", this, UnrecordedCloses::size)
                .description("Closes kept while the database did not answer, waiting to be recorded")
                .register(meters);
        this.lost = Counter.builder("switchboard.closes.lost")
                .description("Closes that found the journal of unrecorded closes full: recorded later as "
                        + "SERVER_CLOSED, without their reason and time")
                .register(meters);
    }

    /**
     * Keeps a close for later; beyond the capacity it is lost, and only that is kept. Never blocks on the database.
     *
     * @return whether it was kept
     */
    boolean keep(String connectionId, List<ConnectionCommand> group) {
        synchronized (journal) {
            if (journal.size() < capacity) {
                journal.addLast(new Entry(connectionId, List.copyOf(group)));
                return true;
            }
            lost.increment();
            if (lostSince == null) {
                lostSince = clock.instant();
                log.warn(
                        "the journal of unrecorded closes is full ({} closes): closes from now on lose their reason "
                                + "and time, and are recorded as SERVER_CLOSED once the database answers",
                        capacity);
            }
            return false;
        }
    }

    int size() {
        synchronized (journal) {
            return journal.size();
        }
    }

    /** The connections whose close waits here. */
    Set<String> waiting() {
        synchronized (journal) {
            return journal.stream().map(Entry::connectionId).collect(Collectors.toSet());
        }
    }

    /** When the first close that found the journal full was lost; null when none was since the last settling. */
    Instant lostSince() {
        synchronized (journal) {
            return lostSince;
        }
    }

    /** The closes lost from {@code since} on are recorded; a later loss stays to be settled. */
    void settled(Instant since) {
        synchronized (journal) {
            if (lostSince == since) {
                lostSince = null;
            }
        }
    }

    /**
     * Records what the journal holds, oldest first, until the database fails one.
     *
     * @return whether the journal is empty now
     */
    boolean record() {
        int recorded = 0;
        for (Entry entry = first(); entry != null; entry = first()) {
            if (!recordOne(entry)) {
                break;
            }
            recorded++;
        }
        if (recorded > 0) {
            log.info("recorded {} closes that happened while the database did not answer", recorded);
        }
        synchronized (journal) {
            return journal.isEmpty();
        }
    }

    /** @return false when the database failed it: the entry stays first, with what is not committed yet */
    private boolean recordOne(Entry entry) {
        try {
            commands.sendAll(entry.commands());
        } catch (ConnectionRejectedException e) {
            log.warn("a close kept while the database was down was refused: {}", e.getMessage());
        } catch (RuntimeException e) {
            database.observed(e);
            if (database.explains(e)) {
                keepRest(entry, e instanceof GroupFailedException group ? group.committed() : 0);
                return false;
            }
            log.warn("a close kept while the database was down could not be recorded: {}", e.getMessage());
        }
        synchronized (journal) {
            journal.remove(entry);
        }
        return true;
    }

    private Entry first() {
        synchronized (journal) {
            return journal.peekFirst();
        }
    }

    private void keepRest(Entry entry, int committed) {
        if (committed == 0) {
            return;
        }
        List<ConnectionCommand> rest =
                entry.commands().subList(committed, entry.commands().size());
        synchronized (journal) {
            if (journal.peekFirst() == entry) {
                journal.removeFirst();
                journal.addFirst(new Entry(entry.connectionId(), rest));
            }
        }
    }
}
