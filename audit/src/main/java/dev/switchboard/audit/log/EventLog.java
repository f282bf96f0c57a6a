package dev.switchboard.audit.log;

import dev.switchboard.audit.archive.Archive;
import dev.switchboard.audit.archive.ArchiveCache;
import dev.switchboard.audit.archive.ArchiveMarks;
import dev.switchboard.audit.archive.ArchivedRow;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.ObjLongConsumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the event log straight from its table, for audits and replays that must work with no node running (a
 * restored backup). Rows go through Axon's own upcaster chain and serializer, so they read exactly as a node reads
 * them.
 */
public final class EventLog {

    private static final String COLUMNS = "global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final int FETCH_SIZE = 20_000;
    private static final int POSITIONS_PER_QUERY = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate streaming;
    private final Serializer serializer = EventLogFormat.serializer();
    private final EventUpcaster upcasters = EventLogUpcasters.chain();
    private final Path archive;
    private final ArchiveCache cache = new ArchiveCache();
    private final ArchiveMarks marks;

    public EventLog(DataSource dataSource) {
        this(dataSource, null);
    }

    /**
     * The log held by the table and by the archive under {@code archive} together, read as one log in log order,
     * each position once.
     *
     * @param archive a directory of archive segments, read afresh by each read (an archive run adds to it); null when
     *     the log has no archive
     */
    public EventLog(DataSource dataSource, Path archive) {
        this.archive = archive;
        this.marks = new ArchiveMarks(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transactions.setReadOnly(true);
        this.streaming = transactions;
    }

    /**
     * The archived events this log does not read, by the database's marks: all of them when it was given no archive,
     * the segments its archive lacks when given one (the wrong directory, or a copy missing files). Empty when it reads
     * the whole log. The scans read what they can either way; a caller whose answer needs the whole log refuses.
     */
    public Optional<UnreadArchive> unreadArchive() {
        return ArchiveCoverage.check(marks, archive == null ? null : Archive.at(archive, cache));
    }

    /** Every event of these streams, in log order; of the archive, only the segments whose index names one are read. */
    public List<LoggedEvent> ofStreams(Collection<String> streamIds) {
        if (streamIds.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(",", Collections.nCopies(streamIds.size(), "?"));
        List<LoggedEvent> events = new ArrayList<>();
        Set<String> streams = Set.copyOf(streamIds);
        merged(
                stored -> stored.rowsOf(streams),
                archived -> decode(entry(archived), serializer, upcasters, events::add),
                row(events::add),
                merge -> jdbc.query(
                        "SELECT " + COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier IN (" + placeholders
                                + ") ORDER BY global_index",
                        merge,
                        streamIds.toArray()));
        return events;
    }

    /** Streams the events after {@code afterPosition} up to and including {@code upToPosition}, in log order. */
    public void scan(long afterPosition, long upToPosition, Consumer<LoggedEvent> consumer) {
        // PgJDBC honours the fetch size only outside auto-commit: in a transaction the rows stream in batches
        // instead of the whole window being read into memory first
        streaming.executeWithoutResult(status -> merged(
                stored -> stored.rows(afterPosition, upToPosition),
                archived -> decode(entry(archived), serializer, upcasters, consumer),
                row(consumer),
                merge -> jdbc.query(
                        "SELECT " + COLUMNS + " FROM domain_event_entry "
                                + "WHERE global_index > ? AND global_index <= ? ORDER BY global_index",
                        merge,
                        afterPosition,
                        upToPosition)));
    }

    /**
     * Streams the events of these payload types after {@code afterPosition} up to {@code upToPosition}, in log order,
     * reading nothing of the others: the database skips them. What a replay that only needs some events reads.
     */
    public void scan(
            long afterPosition, long upToPosition, Collection<Class<?>> types, Consumer<LoggedEvent> consumer) {
        var scan = new TypedScan(types, serializer, upcasters);
        streaming.executeWithoutResult(status -> merged(
                stored -> stored.rows(afterPosition, upToPosition).filter(row -> scan.selects(row.payloadType())),
                archived -> decode(entry(archived), serializer, upcasters, consumer),
                scan.rows(consumer, null),
                merge -> jdbc.query(scan.onlyTypesSql(), merge, scan.arguments(afterPosition, upToPosition))));
    }

    /**
     * Like {@link #scan(long, long, Collection, Consumer)}, and the position of every other event to {@code others},
     * without its payload: a replay that must tell positions holding an event from gaps reads them at the cost of a
     * number.
     */
    public void scan(
            long afterPosition,
            long upToPosition,
            Collection<Class<?>> types,
            Consumer<LoggedEvent> consumer,
            LongConsumer others) {
        var scan = new TypedScan(types, serializer, upcasters);
        streaming.executeWithoutResult(status -> merged(
                stored -> stored.rows(afterPosition, upToPosition),
                typedOrOther(scan, consumer, others),
                scan.rows(consumer, others),
                merge -> jdbc.query(scan.allPositionsSql(), merge, scan.arguments(afterPosition, upToPosition))));
    }

    /** Reads a payload stored at its type's current revision, e.g. only the fields a replay needs. */
    @FunctionalInterface
    public interface PayloadReader {
        Object read(Class<?> type, byte[] json) throws IOException;
    }

    /** Takes an event's payload with its position. */
    @FunctionalInterface
    public interface PayloadConsumer {
        void accept(long position, Object payload);
    }

    /**
     * Like {@link #scan(long, long, Collection, Consumer, LongConsumer)} for a replay that needs the payloads and
     * positions only: no ids, times or streams cross the wire, payloads at their type's current revision are read by
     * {@code reader} (older ones are upcast as a node would), and the rows come in PostgreSQL's binary format, so a
     * payload crosses as its bytes rather than twice as many hex digits.
     */
    public void scanPayloads(
            long afterPosition,
            long upToPosition,
            Collection<Class<?>> types,
            PayloadReader reader,
            PayloadConsumer consumer,
            LongConsumer others) {
        var scan = new TypedScan(types, serializer, upcasters);
        Object[] arguments = scan.payloadsArguments(afterPosition, upToPosition);
        streaming.executeWithoutResult(status -> merged(
                stored -> stored.rows(afterPosition, upToPosition),
                typedOrOther(scan, event -> consumer.accept(event.position(), event.payload()), others),
                scan.payloads(reader, consumer, others),
                merge -> jdbc.query(BinaryResults.statement(scan.payloadsSql(), arguments), merge)));
    }

    /**
     * Streams the events at these positions, in log order; a position with no event (a gap: an append rolled back,
     * or one not yet committed) is skipped. A replay re-reads the gaps it passed, since a gap may still fill.
     */
    public void scanPositions(Collection<Long> positions, Consumer<LoggedEvent> consumer) {
        List<Long> sorted = positions.stream().sorted().distinct().toList();
        for (int from = 0; from < sorted.size(); from += POSITIONS_PER_QUERY) {
            List<Long> chunk = sorted.subList(from, Math.min(from + POSITIONS_PER_QUERY, sorted.size()));
            String placeholders = String.join(",", Collections.nCopies(chunk.size(), "?"));
            Set<Long> wanted = Set.copyOf(chunk);
            merged(
                    stored -> stored.rows(chunk.get(0) - 1, chunk.get(chunk.size() - 1))
                            .filter(row -> wanted.contains(row.globalIndex())),
                    archived -> decode(entry(archived), serializer, upcasters, consumer),
                    row(consumer),
                    merge -> jdbc.query(
                            "SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index IN (" + placeholders
                                    + ") ORDER BY global_index",
                            merge,
                            chunk.toArray()));
        }
    }

    /**
     * Streams the timestamp and position of each event after {@code afterPosition} up to {@code upToPosition}, in log
     * order, without reading payloads: what turning times into positions needs.
     */
    public void scanTimestamps(long afterPosition, long upToPosition, ObjLongConsumer<Instant> consumer) {
        merged(
                stored -> stored.rows(afterPosition, upToPosition),
                archived -> consumer.accept(Instant.parse(archived.timeStamp()), archived.globalIndex()),
                row -> consumer.accept(Instant.parse(row.getString("time_stamp")), row.getLong("global_index")),
                merge -> jdbc.query(
                        "SELECT global_index, time_stamp FROM domain_event_entry WHERE global_index > ? AND "
                                + "global_index <= ? ORDER BY global_index",
                        merge,
                        afterPosition,
                        upToPosition));
    }

    /** The position of the newest event; 0 for an empty log. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        long archived = archive == null ? 0 : Archive.at(archive, cache).head();
        return Math.max(head == null ? 0 : head, archived);
    }

    /**
     * How many events lie after {@code afterPosition} up to {@code upToPosition}; with an archive, for progress: a row
     * a crash left in both the archive and the table counts twice.
     */
    public long count(long afterPosition, long upToPosition) {
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE global_index > ? AND " + "global_index <= ?",
                Long.class,
                afterPosition,
                upToPosition);
        long archived = 0;
        if (archive != null) {
            try (var rows = Archive.at(archive, cache).rows(afterPosition, upToPosition)) {
                archived = rows.count();
            }
        }
        return (count == null ? 0 : count) + archived;
    }

    /**
     * Runs {@code query} on the live table with {@code live} for its rows, merged with the archived rows {@code select}
     * reads from the archive as it stands when the query runs, which go to {@code archived}.
     */
    private void merged(
            Function<Archive, Stream<ArchivedRow>> select,
            Consumer<ArchivedRow> archived,
            RowCallbackHandler live,
            Consumer<RowCallbackHandler> query) {
        if (archive == null) {
            query.accept(live);
            return;
        }
        try (var merge = new ArchiveMerge(() -> select.apply(Archive.at(archive, cache)), live, archived)) {
            query.accept(merge);
            merge.finish();
        }
    }

    /** An archived row of the scan's types decoded to {@code consumer}; any other's position to {@code others}. */
    private Consumer<ArchivedRow> typedOrOther(TypedScan scan, Consumer<LoggedEvent> consumer, LongConsumer others) {
        return archived -> {
            if (scan.selects(archived.payloadType())) {
                decode(entry(archived), serializer, upcasters, consumer);
            } else {
                others.accept(archived.globalIndex());
            }
        };
    }

    static TrackedDomainEventData<byte[]> entry(ArchivedRow row) {
        return new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(row.globalIndex()),
                new GenericDomainEventEntry<>(
                        row.type(),
                        row.aggregateIdentifier(),
                        row.sequenceNumber(),
                        row.eventIdentifier(),
                        row.timeStamp(),
                        row.payloadType(),
                        row.payloadRevision(),
                        row.payload(),
                        row.metaData()));
    }

    private RowCallbackHandler row(Consumer<LoggedEvent> consumer) {
        return result -> decode(entry(result), serializer, upcasters, consumer);
    }

    /** Upcasts one stored entry to the current revision and deserializes it, as a node would. */
    static void decode(
            TrackedDomainEventData<byte[]> data,
            Serializer serializer,
            EventUpcaster upcasters,
            Consumer<LoggedEvent> consumer) {
        try (Stream<TrackedEventMessage<?>> messages =
                EventUtils.upcastAndDeserializeTrackedEvents(Stream.of(data), serializer, upcasters)) {
            messages.forEach(message -> consumer.accept(logged(data, message)));
        }
    }

    static TrackedDomainEventData<byte[]> entry(ResultSet row) throws SQLException {
        long position = row.getLong("global_index");
        return new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(position),
                new GenericDomainEventEntry<>(
                        row.getString("type"),
                        row.getString("aggregate_identifier"),
                        row.getLong("sequence_number"),
                        row.getString("event_identifier"),
                        row.getString("time_stamp"),
                        row.getString("payload_type"),
                        row.getString("payload_revision"),
                        row.getBytes("payload"),
                        row.getBytes("meta_data")));
    }

    private static LoggedEvent logged(TrackedDomainEventData<byte[]> data, TrackedEventMessage<?> message) {
        long position = ((GlobalSequenceTrackingToken) data.trackingToken()).getGlobalIndex();
        return new LoggedEvent(
                position,
                message.getTimestamp(),
                message.getIdentifier(),
                data.getAggregateIdentifier(),
                data.getSequenceNumber(),
                message.getPayload());
    }
}
