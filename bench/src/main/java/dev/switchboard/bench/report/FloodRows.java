package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The log's growth under a flood of upgrade-and-drop from one address, with the node's upgrade limit next to the same
 * flood with it lifted. The target: no more than an open and a close for each upgrade the bucket can let through in
 * the flood's time (its burst, and its rate for each second).
 */
final class FloodRows {

    private FloodRows() {}

    static void add(Table.Row row, JsonNode limited, JsonNode unlimited) {
        long seconds = limited.get("seconds").asLong();
        long allowed = limited.get("upgradeBurst").asLong()
                + limited.get("upgradesPerSecond").asLong() * seconds;
        String flood =
                seconds + " s flood of upgrade-and-drop from one address, " + limited.get("clients") + " clients";
        String baseline = "the same flood, limit lifted (" + unlimited.get("answers") + ")";
        double events = limited.get("log").get("events").asDouble();
        double unlimitedEvents = unlimited.get("log").get("events").asDouble();
        row.add(
                "event rows written, " + flood + ", " + limited.get("upgradesPerSecond") + " upgrades/s, burst "
                        + limited.get("upgradeBurst") + " (" + limited.get("answers") + ")",
                Table.fmt(events),
                baseline,
                Table.fmt(unlimitedEvents),
                events / unlimitedEvents,
                "≤ " + 2 * allowed,
                events <= 2 * allowed);
        for (String figure : new String[] {"eventBytes", "eventTableBytes", "registryTableBytes"}) {
            double bytes = limited.get("log").get(figure).asDouble();
            double unlimitedBytes = unlimited.get("log").get(figure).asDouble();
            row.add(
                    figure + " added by that flood",
                    Table.fmt(bytes),
                    "the same, limit lifted",
                    Table.fmt(unlimitedBytes),
                    unlimitedBytes == 0 ? Double.NaN : bytes / unlimitedBytes,
                    "—",
                    null);
        }
    }
}
