package dev.switchboard.bench.biglog;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionAuthenticated;
import dev.switchboard.api.connection.ConnectionClosed;
import dev.switchboard.api.connection.ConnectionCommand;
import dev.switchboard.api.connection.ConnectionCommandRejected;
import dev.switchboard.api.connection.ConnectionIdMigrated;
import dev.switchboard.api.connection.ConnectionMarkedReady;
import dev.switchboard.api.connection.ConnectionOpened;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.ConnectionTokenRefreshed;
import dev.switchboard.api.connection.FinalIdClaimed;
import dev.switchboard.api.connection.RejectionCode;
import dev.switchboard.api.feed.AgentEventPublished;
import dev.switchboard.api.feed.FeedIds;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes what each accepted or refused command appends to the log, as the command side would (the aggregate's events,
 * the final id's claim stream, the feed's seq), on a simulated clock, and keeps the registry the log implies. It
 * checks nothing: the caller only issues steps the real aggregate would take or refuse in the way written here.
 */
final class LogWriter {

    private static final String CONNECTION = "Connection";
    private static final String FEED = "AgentFeed";

    private final EventRows rows;
    private final RegistryRows registry = new RegistryRows();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final Random random;
    private final Runnable flush;
    private Instant now;

    /** @param flush called after every row: empties {@code out} into the COPY when it is big enough */
    LogWriter(Random random, StringBuilder out, Instant start, Runnable flush) {
        this.random = random;
        this.flush = flush;
        this.rows = new EventRows(random, out, 1);
        this.now = start;
    }

    void open(String id, String node, String address) {
        Instant at = tick();
        long position = append(id, rows.messageId(), new ConnectionOpened(id, node, address, at));
        registry.opened(id, node, at, position);
    }

    void authenticate(String id, String user, Instant tokenExpiry) {
        Instant at = tick();
        long position = append(id, rows.messageId(), new ConnectionAuthenticated(id, user, tokenExpiry, at));
        registry.authenticated(id, user, at, position);
    }

    /** The migration and the claim of the final id: two streams, one message, one {@code at}. */
    void migrate(String id, String finalId, String user) {
        Instant at = tick();
        String message = rows.messageId();
        long position = append(id, message, new ConnectionIdMigrated(id, finalId, user, at));
        append(finalId, message, new FinalIdClaimed(finalId, id, at));
        registry.migrated(id, finalId, position);
    }

    void ready(String id, String finalId) {
        Instant at = tick();
        long position = append(id, rows.messageId(), new ConnectionMarkedReady(id, finalId, at));
        registry.ready(id, at, position);
    }

    void refreshToken(String id, Instant tokenExpiry) {
        append(id, rows.messageId(), new ConnectionTokenRefreshed(id, tokenExpiry, tick()));
    }

    void close(String id, ConnectionState before, CloseReason reason, String detail, String node) {
        Instant at = tick();
        long position = append(id, rows.messageId(), new ConnectionClosed(id, before, reason, detail, node, at));
        registry.closed(id, reason, at, position);
    }

    /** A command the aggregate refused: the refusal goes into the connection's own stream. */
    void refuse(ConnectionCommand command, ConnectionState met, RejectionCode code, String reason) {
        String id = command.connectionId();
        append(
                id,
                rows.messageId(),
                new ConnectionCommandRejected(
                        id, command.getClass().getSimpleName(), arguments(command), met, code, reason, tick()));
    }

    /** A command for an id with no stream: published outside any aggregate, with no command message around it. */
    void refuseUnknown(ConnectionCommand command) {
        Instant at = tick();
        rows.append(
                null,
                null,
                0,
                null,
                new ConnectionCommandRejected(
                        command.connectionId(),
                        command.getClass().getSimpleName(),
                        arguments(command),
                        null,
                        RejectionCode.UNKNOWN_CONNECTION,
                        "no connection was opened with this id",
                        at),
                stamp(at));
        flush.run();
    }

    void agentEvent(String user, String runId, String event, Map<String, Object> data) {
        String feed = FeedIds.of(user);
        long seq = nextSequence.getOrDefault(feed, 0L) + 1;
        append(feed, rows.messageId(), new AgentEventPublished(user, seq, runId, event, data, null, tick()));
    }

    RegistryRows registry() {
        return registry;
    }

    long position() {
        return rows.position();
    }

    /** A random (version 4) UUID from the generator's seeded source, so a seed always writes the same log. */
    String uuid() {
        return rows.messageId();
    }

    private long append(String stream, String message, Object payload) {
        long sequence = nextSequence.getOrDefault(stream, 0L);
        nextSequence.put(stream, sequence + 1);
        String type = stream.startsWith("feed:") ? FEED : CONNECTION;
        long position = rows.append(stream, type, sequence, message, payload, stamp(now));
        flush.run();
        return position;
    }

    /** Between one and a few hundred milliseconds between commands, nanosecond precision like a real clock. */
    private Instant tick() {
        now = now.plusNanos(1_000_000L + random.nextInt(200_000_000));
        return now;
    }

    /** Axon stamps the message after the aggregate read its clock, a fraction of a millisecond later. */
    private Instant stamp(Instant at) {
        return at.plusNanos(random.nextInt(900_000));
    }

    /** A command's fields as strings in declaration order, as the command side records them in a refusal. */
    private static Map<String, String> arguments(ConnectionCommand command) {
        Map<String, String> arguments = new LinkedHashMap<>();
        try {
            for (RecordComponent component : command.getClass().getRecordComponents()) {
                arguments.put(
                        component.getName(),
                        String.valueOf(component.getAccessor().invoke(command)));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + command, e);
        }
        return arguments;
    }
}
