package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/** A user's publish after a restart with a long feed behind it, next to a fresh user's first publish. */
final class ColdRows {

    private static final double TARGET = 1.2;

    private ColdRows() {}

    static void add(Table.Row row, JsonNode cold) {
        JsonNode fill = cold.get("fill");
        JsonNode fresh = cold.get("freshUsers");
        JsonNode after = cold.get("filledUserAfterRestart");
        double baseline = fresh.get("p50Millis").asDouble();
        String baselineText = "first publish of a fresh user, p50 over " + fresh.get("users") + " (before the fill)";
        double first = after.get("firstMillis").asDouble();
        row.add(
                "cold publish ms: a user's first publish after a node restart, " + fill.get("events")
                        + " events in its feed (filled by " + fill.get("method").asText() + " in "
                        + Table.fmt(fill.get("seconds").asDouble()) + " s)",
                Table.fmt(first),
                baselineText,
                Table.fmt(baseline),
                first / baseline,
                "≤ " + TARGET,
                first / baseline <= TARGET);
        double next = after.get("nextP50Millis").asDouble();
        row.add(
                "publish ms, p50 of that user's next " + after.get("next") + " publishes (p99 "
                        + Table.fmt(after.get("nextP99Millis").asDouble()) + " ms)",
                Table.fmt(next),
                baselineText,
                Table.fmt(baseline),
                next / baseline,
                "≤ " + TARGET,
                next / baseline <= TARGET);
        JsonNode restarted = cold.get("freshUsersAfterRestart");
        double freshAfter = restarted.get("p50Millis").asDouble();
        row.add(
                "first publish ms of a fresh user after the restart, p50 over " + restarted.get("users"),
                Table.fmt(freshAfter),
                "the same before the fill",
                Table.fmt(baseline),
                freshAfter / baseline,
                "—",
                null);
    }
}
