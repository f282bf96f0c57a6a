package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The retention soak judged by its own samples: a figure is flat when the mean of the last third of the run is at most
 * a little above the mean of the middle third (the first third fills the table up to the retention period), and the
 * archive grows when its last third is above its middle third.
 */
final class SoakRows {

    private SoakRows() {}

    static void add(Table.Row row, JsonNode soak) {
        JsonNode samples = soak.get("samples");
        String load = " (" + soak.get("pushesPerSecond") + " pushes/s to " + soak.get("users") + " READY sockets, "
                + soak.get("churnsPerSecond") + " connections/s churned, retention "
                + soak.get("retention").asText()
                + ", " + soak.get("seconds") + " s)";
        flat(row, samples, "tableBytes", "event table size, bytes (table, TOAST, indexes)" + load, 1.2);
        long vacuums = 0;
        for (JsonNode sample : samples) {
            vacuums += sample.path("vacuumedByHarness").asBoolean() ? 1 : 0;
        }
        JsonNode autovacuum = soak.path("serverAutovacuum");
        String vacuum = autovacuum.isMissingNode()
                ? "autovacuum not recorded"
                : autovacuum.asBoolean()
                        ? "autovacuum on"
                        : "the server's autovacuum off: " + vacuums + " plain VACUUMs by the harness at its threshold";
        flat(row, samples, "deadTuples", "event table dead tuples (pg_stat_user_tables; " + vacuum + ")", 1.5);
        flat(row, samples, "p99Millis", "push → frame p99 of each interval, ms", 1.5);
        double middle = thirdMean(samples, "archiveBytes", 1);
        double last = thirdMean(samples, "archiveBytes", 2);
        row.add(
                "archive bytes, last third's mean ("
                        + samples.get(samples.size() - 1).get("archiveSegments") + " segments at the end)",
                Table.fmt(last),
                "archive bytes, middle third's mean",
                Table.fmt(middle),
                last / middle,
                "> 1 (grows)",
                last > middle);
        long refused = 0;
        long churnFailed = 0;
        for (JsonNode sample : samples) {
            refused += sample.get("refused").asLong();
            churnFailed += sample.get("churnFailed").asLong();
        }
        row.add(
                "pushes refused or unanswered; churned connections that failed",
                refused + "; " + churnFailed,
                "—",
                "—",
                Double.NaN,
                "0; 0",
                refused == 0 && churnFailed == 0);
    }

    private static void flat(Table.Row row, JsonNode samples, String field, String figure, double limit) {
        double middle = thirdMean(samples, field, 1);
        double last = thirdMean(samples, field, 2);
        row.add(
                figure + ", last third's mean",
                Table.fmt(last),
                "the same, middle third's mean",
                Table.fmt(middle),
                last / middle,
                "≤ " + limit + " (flat)",
                last <= limit * middle);
    }

    /** The mean of {@code field} over third {@code third} (0, 1, 2) of the samples. */
    static double thirdMean(JsonNode samples, String field, int third) {
        int from = samples.size() * third / 3;
        int to = samples.size() * (third + 1) / 3;
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples.get(i).get(field).asDouble();
        }
        return sum / Math.max(1, to - from);
    }
}
