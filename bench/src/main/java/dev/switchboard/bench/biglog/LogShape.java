package dev.switchboard.bench.biglog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A log and its registry as lines that two runs of the same script share whoever wrote them: every column as
 * stored, but for what differs by nature between two runs (event ids, trace ids, clock readings), which are replaced by
 * what must hold of them (a trace id shared by a command's events, Axon's timestamp format, a time being set or not).
 */
public final class LogShape {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AXON_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    private LogShape() {}

    public static List<String> of(DataSource dataSource) {
        var jdbc = new JdbcTemplate(dataSource);
        List<String> lines = new ArrayList<>();
        Map<String, Integer> traces = new HashMap<>();
        jdbc.query("SELECT * FROM domain_event_entry ORDER BY global_index", (RowCallbackHandler) row -> {
            String eventId = row.getString("event_identifier");
            String stream = row.getString("aggregate_identifier");
            JsonNode metadata = read(row.getBytes("meta_data"));
            String trace = metadata.size() == 0
                    ? "{}"
                    : metadata.get("traceId")
                                            .asText()
                                            .equals(metadata.path("correlationId")
                                                    .asText())
                                    && metadata.size() == 2
                            ? "trace#"
                                    + traces.computeIfAbsent(
                                            metadata.get("traceId").asText(), t -> traces.size())
                            : "unexpected metadata " + metadata;
            ObjectNode payload = (ObjectNode) read(row.getBytes("payload"));
            if (payload.has("at")) {
                payload.put("at", "<time>");
            }
            lines.add(String.join(
                    " | ",
                    String.valueOf(row.getString("type")),
                    stream.equals(eventId) ? "<own event id>" : stream,
                    row.getString("sequence_number"),
                    trace,
                    row.getString("payload_type"),
                    row.getString("payload_revision"),
                    payload.toString(),
                    AXON_TIME.matcher(row.getString("time_stamp")).matches() ? "<axon time>" : "bad time"));
        });
        jdbc.query("SELECT * FROM connection_registry ORDER BY preliminary_id", (RowCallbackHandler) row -> {
            List<String> cells = new ArrayList<>();
            for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                Object value = row.getObject(column);
                cells.add(value instanceof java.sql.Timestamp ? "<time>" : String.valueOf(value));
            }
            lines.add("registry | " + String.join(" | ", cells));
        });
        return lines;
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + new String(bytes), e);
        }
    }
}
