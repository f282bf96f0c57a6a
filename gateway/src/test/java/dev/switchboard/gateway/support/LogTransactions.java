package dev.switchboard.gateway.support;

import java.util.Collections;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many commits wrote the events of some streams. PostgreSQL stamps every row with the id of the transaction that
 * inserted it ({@code xmin}), and events are never updated, so the distinct stamps count the commits that wrote them,
 * whatever else the node was committing meanwhile.
 */
public final class LogTransactions {

    private LogTransactions() {}

    public static int of(JdbcTemplate jdbc, String... aggregateIds) {
        String placeholders = String.join(",", Collections.nCopies(aggregateIds.length, "?"));
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(DISTINCT xmin::text) FROM domain_event_entry WHERE aggregate_identifier IN ("
                        + placeholders + ")",
                Integer.class,
                (Object[]) aggregateIds);
        return count == null ? 0 : count;
    }
}
