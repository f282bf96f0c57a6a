package dev.switchboard.gateway.support;

import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Some streams of the event table, read as an auditor with psql would. */
public final class LoggedStreams {

    /** A handshake's events across the connection's stream and its final id's, in log order. */
    public static final List<String> HANDSHAKE = List.of(
            "ConnectionOpened",
            "ConnectionAuthenticated",
            "ConnectionIdMigrated",
            "FinalIdClaimed",
            "ConnectionMarkedReady");

    private LoggedStreams() {}

    /** The simple type names of their events, in log order. */
    public static List<String> types(JdbcTemplate jdbc, String... aggregateIds) {
        return jdbc
                .queryForList(
                        "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier IN ("
                                + placeholders(aggregateIds) + ") ORDER BY global_index",
                        String.class,
                        (Object[]) aggregateIds)
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    /**
     * How many commits wrote their events. PostgreSQL stamps every row with the id of the transaction that inserted it
     * ({@code xmin}), and events are never updated, so the distinct stamps count the commits that wrote them,
     * whatever else the node was committing meanwhile.
     */
    public static int commits(JdbcTemplate jdbc, String... aggregateIds) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(DISTINCT xmin::text) FROM domain_event_entry WHERE aggregate_identifier IN ("
                        + placeholders(aggregateIds) + ")",
                Integer.class,
                (Object[]) aggregateIds);
        return count == null ? 0 : count;
    }

    private static String placeholders(String[] aggregateIds) {
        return String.join(",", Collections.nCopies(aggregateIds.length, "?"));
    }
}
