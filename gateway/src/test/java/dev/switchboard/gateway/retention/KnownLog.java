package dev.switchboard.gateway.retention;

import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.gateway.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.flywaydb.core.Flyway;

/**
 * A log made to order in a database migrated as a node migrates it: users' feeds and connections (closed before the
 * cutoff, closed after it, still open) interleaved by time, with gaps in the positions as rolled-back appends leave.
 * It knows which positions retention lets go at {@link #CUTOFF}.
 */
final class KnownLog {

    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant CUTOFF = START.plus(Duration.ofHours(10));
    private static final long END_SECONDS = Duration.ofHours(12).toSeconds();

    private final List<ArchivedRow> rows = new ArrayList<>();
    private final Set<Long> archivable = new HashSet<>();
    private final List<Object[]> registry = new ArrayList<>();

    /** The log in position order, every column. */
    List<ArchivedRow> rows() {
        return rows;
    }

    /** The positions an archive run at {@link #CUTOFF} moves out of the table. */
    Set<Long> archivable() {
        return archivable;
    }

    static KnownLog writeTo(TestDatabase database, int users, int eventsPerUser, int connections) throws SQLException {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        KnownLog log = new KnownLog();
        log.make(new Random(14), users, eventsPerUser, connections);
        try (Connection connection = database.connect()) {
            log.insert(connection);
        }
        return log;
    }

    private void make(Random random, int users, int eventsPerUser, int connections) {
        record Pending(long second, String stream, long sequence, String type, boolean archivable) {}
        List<Pending> events = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            long second = random.nextInt(3600);
            for (int seq = 0; seq < eventsPerUser; seq++) {
                second += 1 + random.nextInt((int) (END_SECONDS / eventsPerUser));
                boolean older = START.plusSeconds(second).isBefore(CUTOFF);
                events.add(new Pending(second, "feed:user-" + u, seq, null, older && seq < eventsPerUser - 1));
            }
        }
        for (int c = 0; c < connections; c++) {
            String id = "pre_" + c;
            String finalId = "conn_" + c;
            long opened = random.nextInt((int) END_SECONDS - 600);
            int kind = c % 6; // 0..3 closed before the cutoff (when they can be), 4 still open, 5 closed after it
            long closed = kind == 5
                    ? Math.max(opened + 60, CUTOFF.getEpochSecond() - START.getEpochSecond() + 60)
                    : opened + 1 + random.nextInt(500);
            boolean closedBefore = kind < 4 && START.plusSeconds(closed).isBefore(CUTOFF);
            events.add(new Pending(opened, id, 0, "Connection", closedBefore));
            events.add(new Pending(opened, id, 1, "Connection", closedBefore));
            events.add(new Pending(opened + 1, id, 2, "Connection", closedBefore));
            events.add(new Pending(opened + 1, finalId, 0, "Connection", closedBefore));
            if (kind != 4) {
                events.add(new Pending(closed, id, 3, "Connection", closedBefore));
            }
            registry.add(new Object[] {
                id,
                finalId,
                kind == 4 ? "READY" : "CLOSED",
                START.plusSeconds(opened),
                kind == 4 ? null : START.plusSeconds(closed)
            });
        }
        events.sort((a, b) -> Long.compare(a.second, b.second));
        long position = 0;
        for (Pending event : events) {
            position += random.nextInt(20) == 0 ? 2 : 1;
            byte[] payload = ("{\"stream\":\"" + event.stream + "\",\"seq\":" + event.sequence + ",\"pad\":\""
                            + "x".repeat(random.nextInt(200)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            rows.add(new ArchivedRow(
                    position,
                    event.stream,
                    event.sequence,
                    event.type,
                    "event-" + position,
                    position % 3 == 0 ? null : "{\"traceId\":\"t\"}".getBytes(StandardCharsets.UTF_8),
                    payload,
                    "1",
                    "dev.switchboard.api.Test" + (event.type == null ? "Feed" : "Connection"),
                    START.plusSeconds(event.second).plusNanos(position * 1000).toString()));
            if (event.archivable) {
                archivable.add(position);
            }
        }
    }

    private void insert(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO domain_event_entry (global_index, "
                + "aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, "
                + "payload_revision, payload_type, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ArchivedRow row : rows) {
                statement.setLong(1, row.globalIndex());
                statement.setString(2, row.aggregateIdentifier());
                statement.setLong(3, row.sequenceNumber());
                statement.setString(4, row.type());
                statement.setString(5, row.eventIdentifier());
                statement.setBytes(6, row.metaData());
                statement.setBytes(7, row.payload());
                statement.setString(8, row.payloadRevision());
                statement.setString(9, row.payloadType());
                statement.setString(10, row.timeStamp());
                statement.addBatch();
            }
            statement.executeBatch();
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO connection_registry "
                + "(preliminary_id, final_id, user_id, node_id, state, opened_at, closed_at, last_position) "
                + "VALUES (?, ?, 'someone', 'node-1', ?, ?, ?, 0)")) {
            for (Object[] row : registry) {
                statement.setString(1, (String) row[0]);
                statement.setString(2, (String) row[1]);
                statement.setString(3, (String) row[2]);
                statement.setTimestamp(4, Timestamp.from((Instant) row[3]));
                statement.setTimestamp(5, row[4] == null ? null : Timestamp.from((Instant) row[4]));
                statement.addBatch();
            }
            statement.executeBatch();
        }
        connection.commit();
    }
}
