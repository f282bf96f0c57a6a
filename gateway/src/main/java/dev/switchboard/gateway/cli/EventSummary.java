package dev.switchboard.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.audit.log.EventLogFormat;

/** One line about an event for a table: its JSON without the fields every row shows anyway, cut at a width. */
final class EventSummary {

    private static final int WIDTH = 110;

    private EventSummary() {}

    static String of(Object payload) {
        String json;
        try {
            json = EventLogFormat.objectMapper().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            json = String.valueOf(payload);
        }
        String compact = json.replaceAll("\"connectionId\":\"[^\"]*\",?", "")
                .replaceAll("\"at\":\"[^\"]*\",?", "")
                .replace(",}", "}");
        return compact.length() <= WIDTH ? compact : compact.substring(0, WIDTH - 1) + "…";
    }
}
