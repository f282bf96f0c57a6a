package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The push path: pushes accepted per second and push → frame latency of the node next to the bare MVC push and the
 * hand-written durable push, and batch publish next to COPY.
 */
final class PushRows {

    private PushRows() {}

    static void add(Table.Row row, JsonNode node, JsonNode bare, JsonNode durable) {
        accepted(row, node, bare, "bare MVC push: same kind of token check, nothing kept", "≥ 0.5", 0.5);
        accepted(row, node, durable, "hand-written durable push: one INSERT and commit per event, pool 24", "≥ 2", 2);
        frames(row, node, bare, "bare MVC push");
        frames(row, node, durable, "hand-written durable push");
    }

    private static void accepted(
            Table.Row row, JsonNode node, JsonNode floor, String baseline, String target, double least) {
        double rate = node.get("acceptedPerSecond").asDouble();
        double floorRate =
                floor == null ? Double.NaN : floor.get("acceptedPerSecond").asDouble();
        row.add(
                "pushes accepted/s, closed loop, " + node.get("senders") + " senders over " + node.get("users")
                        + " READY sockets (" + answers(node) + ")",
                Table.fmt(rate),
                baseline + (floor == null ? "" : " (" + answers(floor) + ")"),
                floor == null ? "not measured" : Table.fmt(floorRate),
                rate / floorRate,
                target,
                floor == null ? null : rate / floorRate >= least);
    }

    private static String answers(JsonNode run) {
        return "202 p50 " + Table.fmt(run.get("acceptedP50Millis").asDouble()) + " ms, p99 "
                + Table.fmt(run.get("acceptedP99Millis").asDouble()) + " ms; " + refusals(run);
    }

    private static String refusals(JsonNode run) {
        return run.get("unavailable") + " × 503, " + run.get("otherStatus") + " other refusals, " + run.get("noAnswer")
                + " unanswered";
    }

    private static void frames(Table.Row row, JsonNode node, JsonNode floor, String baseline) {
        double p99 = node.get("frames").get("p99Millis").asDouble();
        double floorP99 = floor == null
                ? Double.NaN
                : floor.get("frames").get("p99Millis").asDouble();
        row.add(
                "push → frame p99 ms, same run (" + delivery(node) + ")",
                Table.fmt(p99),
                baseline + (floor == null ? "" : " (" + delivery(floor) + ")"),
                floor == null ? "not measured" : Table.fmt(floorP99),
                p99 / floorP99,
                "—",
                null);
    }

    private static String delivery(JsonNode run) {
        JsonNode frames = run.get("frames");
        return "p50 " + Table.fmt(frames.get("p50Millis").asDouble()) + " ms, max "
                + Table.fmt(frames.get("maxMillis").asDouble()) + " ms; of " + frames.get("measuredPushes")
                + " pushes " + frames.get("late") + " late (> " + frames.get("lateAfterMillis") + " ms), "
                + frames.get("missing") + " missing; " + frames.get("socketsAtHead") + " of " + run.get("users")
                + " sockets at their head "
                + Table.fmt(frames.get("drainSeconds").asDouble()) + " s after the stop";
    }

    static void batch(Table.Row row, JsonNode batch) {
        boolean available = batch.get("available").asBoolean();
        double copy = batch.get("copyEventsPerSecond").asDouble();
        String baseline = "COPY of " + batch.get("copyRows") + " rows of the same shape, one transaction, best of 3";
        if (!available) {
            row.add(
                    "batch publish events/s (POST /api/events, " + batch.get("batchSize") + " a request)",
                    "not available (answered " + batch.get("answer").asText().split(" ")[0] + ")",
                    baseline,
                    Table.fmt(copy),
                    Double.NaN,
                    "≥ 0.5",
                    null);
            return;
        }
        double rate = batch.get("eventsPerSecond").asDouble();
        row.add(
                "batch publish events/s (POST /api/events, " + batch.get("batchSize") + " a request over "
                        + batch.get("users") + " users, " + batch.get("senders") + " senders; request p50 "
                        + Table.fmt(batch.get("acceptedP50Millis").asDouble()) + " ms, p99 "
                        + Table.fmt(batch.get("acceptedP99Millis").asDouble()) + " ms; " + refusals(batch) + ")",
                Table.fmt(rate),
                baseline,
                Table.fmt(copy),
                rate / copy,
                "≥ 0.5",
                rate / copy >= 0.5);
        JsonNode table = batch.path("eventTable");
        if (table.has("insertEventsPerSecond")) {
            String rows =
                    "the node's " + table.get("rows") + " rows read back into a fresh table of the event table's shape";
            row.add(
                    "batch publish events/s next to the event table's own floor",
                    Table.fmt(rate),
                    rows + ", JDBC batches of " + batch.get("batchSize") + " a transaction, one connection, best of 3",
                    Table.fmt(table.get("insertEventsPerSecond").asDouble()),
                    rate / table.get("insertEventsPerSecond").asDouble(),
                    "—",
                    null);
            row.add(
                    "batch publish events/s next to COPY into the event table",
                    Table.fmt(rate),
                    rows + ", one COPY, best of 3",
                    Table.fmt(table.get("copyEventsPerSecond").asDouble()),
                    rate / table.get("copyEventsPerSecond").asDouble(),
                    "—",
                    null);
        }
    }
}
