package dev.switchboard.bench.biglog;

import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live registry the generated log implies, worked out by the generator from what it wrote rather than by the
 * projection's code, so that {@code verify} comparing it with a replay checks the generated events, not the
 * projection against itself. Written with COPY in {@code connection_registry}'s column order.
 */
final class RegistryRows {

    private static final class Row {
        final String preliminaryId;
        final String nodeId;
        final Instant openedAt;
        String finalId;
        String userId;
        ConnectionState state = ConnectionState.OPENED;
        Instant authenticatedAt;
        Instant readyAt;
        Instant closedAt;
        CloseReason closeReason;
        long lastPosition;

        Row(String preliminaryId, String nodeId, Instant openedAt, long position) {
            this.preliminaryId = preliminaryId;
            this.nodeId = nodeId;
            this.openedAt = openedAt;
            this.lastPosition = position;
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    void opened(String id, String node, Instant at, long position) {
        rows.put(id, new Row(id, node, at, position));
    }

    void authenticated(String id, String user, Instant at, long position) {
        Row row = rows.get(id);
        row.state = ConnectionState.AUTHENTICATED;
        row.userId = user;
        row.authenticatedAt = at;
        row.lastPosition = position;
    }

    void migrated(String id, String finalId, long position) {
        Row row = rows.get(id);
        row.finalId = finalId;
        row.lastPosition = position;
    }

    void ready(String id, Instant at, long position) {
        Row row = rows.get(id);
        row.state = ConnectionState.READY;
        row.readyAt = at;
        row.lastPosition = position;
    }

    void closed(String id, CloseReason reason, Instant at, long position) {
        Row row = rows.get(id);
        row.state = ConnectionState.CLOSED;
        row.closeReason = reason;
        row.closedAt = at;
        row.lastPosition = position;
    }

    int size() {
        return rows.size();
    }

    static String copyStatement() {
        return "COPY connection_registry (preliminary_id, final_id, user_id, node_id, state, opened_at, "
                + "authenticated_at, ready_at, closed_at, close_reason, last_position) FROM STDIN";
    }

    /** Every row as COPY text, timestamps rounded to microseconds as PgJDBC rounds a bound Timestamp. */
    void writeTo(StringBuilder out, Runnable flush) {
        for (Row row : rows.values()) {
            out.append(row.preliminaryId)
                    .append('\t')
                    .append(text(row.finalId))
                    .append('\t')
                    .append(text(row.userId))
                    .append('\t')
                    .append(row.nodeId)
                    .append('\t')
                    .append(row.state.name())
                    .append('\t')
                    .append(time(row.openedAt))
                    .append('\t')
                    .append(time(row.authenticatedAt))
                    .append('\t')
                    .append(time(row.readyAt))
                    .append('\t')
                    .append(time(row.closedAt))
                    .append('\t')
                    .append(row.closeReason == null ? "\\N" : row.closeReason.name())
                    .append('\t')
                    .append(row.lastPosition)
                    .append('\n');
            flush.run();
        }
    }

    private static String text(String value) {
        return value == null ? "\\N" : value;
    }

    private static String time(Instant at) {
        if (at == null) {
            return "\\N";
        }
        long micros = (at.getNano() + 500) / 1000; // half up, as PgJDBC's TimestampUtils
        return Instant.ofEpochSecond(at.getEpochSecond(), micros * 1000).toString();
    }
}
