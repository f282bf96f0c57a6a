package dev.switchboard.gateway.cluster;

import dev.switchboard.gateway.support.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What the registry and the lease table say about process nodes, read as an operator with psql would. */
final class ClusterDatabase {

    private final JdbcTemplate jdbc;

    ClusterDatabase() {
        TestDatabase database = TestDatabase.shared();
        this.jdbc = new JdbcTemplate(
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
    }

    /** Connections of the node that are not closed. */
    long liveOn(String nodeId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM connection_registry WHERE node_id = ? AND state <> 'CLOSED'", Long.class, nodeId);
    }

    /** How many of the node's closed connections were closed for each reason. */
    Map<String, Long> closeReasonsOn(String nodeId) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        jdbc.query(
                "SELECT close_reason, COUNT(*) AS n FROM connection_registry WHERE node_id = ? AND state = 'CLOSED' "
                        + "GROUP BY close_reason",
                row -> {
                    reasons.put(row.getString("close_reason"), row.getLong("n"));
                },
                nodeId);
        return reasons;
    }

    /** Close events of the node's connections whose JSON holds {@code text}, e.g. the reaper's sentence. */
    long closesMentioning(String nodeId, String text) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry e JOIN connection_registry r "
                        + "ON r.preliminary_id = e.aggregate_identifier WHERE r.node_id = ? "
                        + "AND e.payload_type LIKE '%ConnectionClosed' AND convert_from(e.payload, 'UTF8') LIKE ?",
                Long.class, nodeId, "%" + text + "%");
    }

    String leaseState(String nodeId) {
        return jdbc.queryForObject("SELECT state FROM node_lease WHERE node_id = ?", String.class, nodeId);
    }

    String reapedBy(String nodeId) {
        return jdbc.queryForObject("SELECT reaped_by FROM node_lease WHERE node_id = ?", String.class, nodeId);
    }
}
