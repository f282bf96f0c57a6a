package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

/** Live heap and resident memory per idle READY socket, the node next to the bare handler at the same count. */
final class CapacityRows {

    /** The target: 50,000 READY sockets in a 1 GiB heap. */
    private static final double TARGET_HEAP_KB = 20;

    private CapacityRows() {}

    static void add(Table.Row row, JsonNode gateway, JsonNode bare) {
        for (JsonNode level : gateway.get("levels")) {
            int connections = level.get("connections").asInt();
            JsonNode floor = bare == null ? null : find(bare, connections);
            double heap = level.get("heapBytesPerConnection").asDouble() / 1024;
            double bareHeap = floor == null
                    ? Double.NaN
                    : floor.get("heapBytesPerConnection").asDouble() / 1024;
            row.add(
                    "live heap KB per idle READY socket, " + connections + " sockets (" + level.get("ready")
                            + " ready, " + level.get("failed") + " failed)",
                    Table.fmt(heap),
                    "bare Spring handler, same count",
                    floor == null ? "not measured" : Table.fmt(bareHeap),
                    heap / bareHeap,
                    "≤ 20 KB",
                    heap <= TARGET_HEAP_KB);
            double rss = level.get("rssBytesPerConnection").asDouble() / 1024;
            double bareRss = floor == null
                    ? Double.NaN
                    : floor.get("rssBytesPerConnection").asDouble() / 1024;
            row.add(
                    "RSS KB per idle READY socket, " + connections + " sockets",
                    Table.fmt(rss),
                    "bare Spring handler, same count",
                    floor == null ? "not measured" : Table.fmt(bareRss),
                    rss / bareRss,
                    "—",
                    null);
        }
    }

    private static JsonNode find(JsonNode run, int connections) {
        for (JsonNode level : run.get("levels")) {
            if (level.get("connections").asInt() == connections) {
                return level;
            }
        }
        return null;
    }
}
