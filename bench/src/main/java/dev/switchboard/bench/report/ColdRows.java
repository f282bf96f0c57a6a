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
        // since 2026-12-05T16 the target's baseline is fresh users' first publishes, each just before a filled user's
        boolean paired = after.has("pairedFreshMillis");
        double targetBaseline = paired ? after.get("pairedFreshMillis").asDouble() : baseline;
        String targetBaselineText = paired
                ? "median first publish of " + after.get("users") + " fresh users, each just before one of them"
                : baselineText;
        // runs before 2026-12-05T16 filled one user and timed its first publish; since then the median of five (nine
        // from
        // 2026-12-05T19)
        String whose = after.has("users")
                ? "median of " + after.get("users") + " users' first publishes after a node restart, each with "
                : "a user's first publish after a node restart, ";
        row.add(
                "cold publish ms: " + whose + fill.get("events") + " events in its feed (filled by "
                        + fill.get("method").asText() + " in "
                        + Table.fmt(fill.get("seconds").asDouble()) + " s"
                        + (after.has("users") ? " each" : "") + ")",
                Table.fmt(first),
                targetBaselineText,
                Table.fmt(targetBaseline),
                first / targetBaseline,
                "≤ " + TARGET,
                first / targetBaseline <= TARGET);
        double next = after.get("nextP50Millis").asDouble();
        row.add(
                "publish ms, p50 of " + (after.has("users") ? "the first such user's" : "that user's") + " next "
                        + after.get("next") + " publishes (p99 "
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
