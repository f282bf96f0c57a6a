package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The big-log figures ({@code biglog.json}): rows of the main table for the largest log, then a growth table across
 * every size measured.
 */
final class BigLogTable {

    private BigLogTable() {}

    /** Rows in the main table's columns, for the largest log. */
    static void rows(JsonNode biglog, StringBuilder out) {
        Table.Row row = Table.markdown(out, 3);
        JsonNode sizes = biglog.get("sizes");
        JsonNode largest = sizes.get(sizes.size() - 1);
        JsonNode smallest = sizes.get(0);
        long events = largest.get("events").asLong();
        JsonNode rebuild = largest.get("rebuild");
        double ratio = rebuild.get("ratio").asDouble();
        row.add(
                "rebuild events/s, " + events + " events, "
                        + largest.get("connections").asLong()
                        + " connections (" + rebuild.get("differences").asInt() + " differences, live table locked "
                        + rebuild.get("lockMillis").asLong() + " ms, "
                        + rebuild.path("rowsComparedUnderLock").asText("—") + " rows compared under it)",
                fmt(rebuild.get("eventsPerSecond").asDouble()),
                "COPY of the same " + rebuild.get("registryRows").asLong() + " registry rows, as events/s",
                fmt(rebuild.get("copyEventsPerSecondEquivalent").asDouble()),
                ratio,
                "≥ 0.5",
                ratio >= 0.5);
        JsonNode timeline = largest.get("timeline");
        double p99 = timeline.get("p99Millis").asDouble();
        row.add(
                "timeline of one connection p99 ms, " + events + " events (p50 "
                        + fmt(timeline.get("p50Millis").asDouble()) + " ms, "
                        + timeline.get("samples").asInt()
                        + " connections)",
                fmt(p99),
                "the same at " + smallest.get("events").asLong() + " events",
                fmt(smallest.get("timeline").get("p99Millis").asDouble()),
                p99 / smallest.get("timeline").get("p99Millis").asDouble(),
                "≤ 20 ms",
                p99 <= 20);
        JsonNode at = largest.get("registryAt");
        JsonNode atSmallest = smallest.get("registryAt");
        row.add(
                "registry-at ms at the midpoint, " + events + " events ("
                        + fmt(at.get("eventsPerSecond").asDouble()) + " events/s)",
                fmt(at.get("bestMillis").asDouble()),
                "the same at " + smallest.get("events").asLong() + " events",
                fmt(atSmallest.get("bestMillis").asDouble()),
                at.get("bestMillis").asDouble() / atSmallest.get("bestMillis").asDouble(),
                "—",
                null);
    }

    /** How each figure moves as the log grows. */
    static void growth(JsonNode biglog, StringBuilder out) {
        out.append("\n| events | connections | rebuild s | rebuild events/s | COPY of its rows s | ratio | lock ms "
                + "| rows compared under the lock | timeline p50 ms | timeline p99 ms | registry-at ms (midpoint) "
                + "| registry-at events/s |\n");
        out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (JsonNode size : biglog.get("sizes")) {
            JsonNode rebuild = size.get("rebuild");
            JsonNode timeline = size.get("timeline");
            JsonNode at = size.get("registryAt");
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %.2f | %s | %.3f | %.3f | %d | %s | %.2f | %.2f | %s | %s |%n",
                    size.get("events").asLong(),
                    size.get("connections").asLong(),
                    rebuild.get("bestSeconds").asDouble(),
                    fmt(rebuild.get("eventsPerSecond").asDouble()),
                    rebuild.get("copySeconds").asDouble(),
                    rebuild.get("ratio").asDouble(),
                    rebuild.get("lockMillis").asLong(),
                    rebuild.path("rowsComparedUnderLock").asText("—"),
                    timeline.get("p50Millis").asDouble(),
                    timeline.get("p99Millis").asDouble(),
                    fmt(at.get("bestMillis").asDouble()),
                    fmt(at.get("eventsPerSecond").asDouble())));
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }
}
