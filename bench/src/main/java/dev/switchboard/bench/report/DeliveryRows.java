package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Push → frame latency per rate, same node and across nodes, next to the bare handler's echo at the same rate. The
 * issue sets its targets at 1,000 events/s and at half the node's measured push peak: the half peak is a rate of the
 * run when the push step ran before it (bench/run.sh adds it).
 */
final class DeliveryRows {

    private DeliveryRows() {}

    /** @param pushNode the push step's run, whose accepted pushes/s is the peak; null when it did not run */
    static void add(Table.Row row, JsonNode sameNode, JsonNode crossNode, JsonNode bare, JsonNode pushNode) {
        double halfPeak = pushNode == null
                ? Double.NaN
                : Math.round(pushNode.get("acceptedPerSecond").asDouble() / 2);
        rows(row, "same node", sameNode, bare, 10, halfPeak);
        if (crossNode != null) {
            rows(row, "cross-node", crossNode, bare, 50, halfPeak);
        }
    }

    /** @param targetMillis the p99 target, which it sets at 1,000 events/s and at half the push peak */
    private static void rows(
            Table.Row row, String where, JsonNode run, JsonNode bare, double targetMillis, double halfPeak) {
        for (JsonNode rate : run.get("rates")) {
            double target = rate.get("targetRate").asDouble();
            JsonNode floor = bare == null ? null : find(bare, target);
            double p99 = rate.get("p99Millis").asDouble();
            double bareP99 = floor == null ? Double.NaN : floor.get("p99Millis").asDouble();
            boolean targeted = target == 1000 || target == halfPeak;
            row.add(
                    "delivery p99 ms, " + where + ", " + Table.fmt(target) + " events/s"
                            + (target == halfPeak ? " (half the push peak)" : "") + " over " + run.get("sockets")
                            + " sockets (sent "
                            + Table.fmt(rate.get("sentPerSecond").asDouble()) + "/s, "
                            + rate.get("received") + " of " + rate.get("accepted") + " received, p50 "
                            + Table.fmt(rate.get("p50Millis").asDouble()) + " ms, max "
                            + Table.fmt(rate.get("maxMillis").asDouble()) + " ms)",
                    Table.fmt(p99),
                    "bare handler echo p99 ms, same rate",
                    floor == null ? "not measured" : Table.fmt(bareP99),
                    p99 / bareP99,
                    targeted ? "≤ " + Table.fmt(targetMillis) + " ms" : "—",
                    targeted ? p99 <= targetMillis && rate.get("received").asLong() > 0 : null);
        }
    }

    private static JsonNode find(JsonNode run, double target) {
        for (JsonNode rate : run.get("rates")) {
            if (rate.get("targetRate").asDouble() == target) {
                return rate;
            }
        }
        return null;
    }
}
