package dev.switchboard.bench.biglog;

import dev.switchboard.audit.log.RegistryEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the queries behind each figure, on the log as generated: the statements are those
 * {@code EventLog} sends (kept in step with it by hand). The full plans go to a text file; the JSON keeps each plan's
 * first node and its execution time.
 */
final class Explain {

    private static final String COLUMNS = "global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final String TYPED = "global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision";
    private static final String REGISTRY_TYPES = RegistryEvents.TYPES.stream()
            .map(type -> "'" + type.getName() + "'")
            .collect(Collectors.joining(", "));

    private Explain() {}

    static Map<String, Object> queries(
            DataSource dataSource, String connectionId, long midpoint, int batch, StringBuilder plans) {
        var jdbc = new JdbcTemplate(dataSource);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put(
                "timelineStream",
                plan(
                        jdbc,
                        "timeline: one stream by aggregate id",
                        "SELECT " + COLUMNS
                                + " FROM domain_event_entry WHERE aggregate_identifier IN ('" + connectionId
                                + "') ORDER BY "
                                + "global_index",
                        plans));
        summary.put(
                "head",
                plan(jdbc, "timeline: the log's head", "SELECT MAX(global_index) FROM domain_event_entry", plans));
        summary.put(
                "registryAtScan",
                plan(
                        jdbc,
                        "registry-at: the registry's events up to the midpoint",
                        "SELECT "
                                + TYPED + ", payload FROM domain_event_entry WHERE payload_type IN (" + REGISTRY_TYPES
                                + ") AND "
                                + "global_index > 0 AND global_index <= " + midpoint + " ORDER BY global_index",
                        plans));
        summary.put(
                "rebuildBatch",
                plan(
                        jdbc,
                        "rebuild: one batch of " + batch + " positions",
                        "SELECT " + TYPED
                                + ", CASE WHEN payload_type IN (" + REGISTRY_TYPES
                                + ") THEN payload END AS payload FROM "
                                + "domain_event_entry WHERE global_index > " + midpoint / 2 + " AND global_index <= "
                                + (midpoint / 2 + batch) + " ORDER BY global_index",
                        plans));
        return summary;
    }

    private static Map<String, Object> plan(JdbcTemplate jdbc, String title, String sql, StringBuilder plans) {
        List<String> lines = jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql, String.class);
        plans.append("-- ").append(title).append('\n').append(sql).append('\n');
        lines.forEach(line -> plans.append(line).append('\n'));
        plans.append('\n');
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("plan", lines.get(0).replaceAll("\\s+\\(cost.*", "").trim());
        lines.stream()
                .filter(line -> line.startsWith("Execution Time"))
                .findFirst()
                .ifPresent(line -> summary.put("executionMillis", Double.parseDouble(line.replaceAll("[^0-9.]", ""))));
        return summary;
    }
}
