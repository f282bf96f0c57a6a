package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The Markdown table: each figure, its baseline measured in the same run, their ratio, and the target. */
final class Table {

    private final StringBuilder out = new StringBuilder();
    private final Row row = markdown(out, 2);

    private Table() {}

    static String markdown(JsonNode all) {
        var table = new Table();
        table.machine(all.get("machine"));
        table.out.append("| figure | measured | baseline (same run) | baseline value | ratio | target | met |\n");
        table.out.append("| --- | ---: | --- | ---: | ---: | --- | --- |\n");
        if (all.has("lifecycle")) {
            table.lifecycle(all.get("lifecycle"), all.get("pgbenchTps"));
        }
        if (all.has("handshakeGateway")) {
            table.handshakes(all.get("handshakeGateway"), all.get("handshakeBare"), all.get("lifecycle"));
        }
        if (all.has("registryAndCodec")) {
            table.registry(all.get("registryAndCodec"));
            table.tokenCheck(all.get("registryAndCodec"));
        }
        if (all.has("capacityGateway")) {
            CapacityRows.add(table.row, all.get("capacityGateway"), all.get("capacityBare"));
        }
        if (all.has("deliverySameNode")) {
            DeliveryRows.add(
                    table.row,
                    all.get("deliverySameNode"),
                    all.get("deliveryCrossNode"),
                    all.get("deliveryBare"),
                    all.get("pushNode"));
        }
        if (all.has("pushNode")) {
            PushRows.add(table.row, all.get("pushNode"), all.get("pushBare"), all.get("pushDurable"));
        }
        if (all.has("batch")) {
            PushRows.batch(table.row, all.get("batch"));
        }
        if (all.has("cold")) {
            ColdRows.add(table.row, all.get("cold"));
        }
        if (all.has("upgradesLimited")) {
            FloodRows.add(table.row, all.get("upgradesLimited"), all.get("upgradesUnlimited"));
        }
        if (all.has("archive")) {
            ArchiveRows.add(table.row, all.get("archive"));
        }
        if (all.has("archivedTimeline")) {
            ArchivedTimelineRows.add(table.row, all.get("archivedTimeline"));
        }
        if (all.has("soak")) {
            SoakRows.add(table.row, all.get("soak"));
        }
        if (all.has("biglog")) {
            BigLogTable.rows(all.get("biglog"), table.out);
            BigLogTable.growth(all.get("biglog"), table.out);
        }
        return table.out.toString();
    }

    private void machine(JsonNode machine) {
        out.append(String.format(
                "Run %s on %s cores (%s), %s memory, %s, %s, %s.%n%n",
                machine.get("date").asText(),
                machine.get("nproc").asText(),
                machine.get("cpu").asText(),
                machine.get("memory").asText(),
                machine.get("jdk").asText(),
                machine.get("postgres").asText(),
                machine.get("os").asText()));
    }

    private void lifecycle(JsonNode lifecycle, JsonNode pgbench) {
        for (JsonNode level : lifecycle.get("levels")) {
            int callers = level.get("callers").asInt();
            double events = level.get("eventsPerSecond").asDouble();
            double tps = pgbench.get(Integer.toString(callers)).asDouble();
            row.add(
                    "lifecycle events/s, " + callers + " callers ("
                            + fmt(level.get("lifecyclesPerSecond").asDouble())
                            + " lifecycles/s, p99 " + fmt(level.get("p99Millis").asDouble()) + " ms, "
                            + level.get("failures").asLong() + " failed)",
                    fmt(events),
                    "pgbench 1-row insert tx/s, " + callers + " clients",
                    Double.isNaN(tps) ? "not measured (pgbench-" + callers + ".txt)" : fmt(tps),
                    events / tps,
                    "≥ 0.5",
                    Double.isNaN(tps) ? null : events / tps >= 0.5);
        }
    }

    /** @param lifecycle the command side's figures, or null when that step did not run */
    private void handshakes(JsonNode gateway, JsonNode bare, JsonNode lifecycle) {
        int concurrency = gateway.get("concurrency").asInt();
        double rate = gateway.get("peak").get("handshakesPerSecond").asDouble();
        double bareRate = bare.get("peak").get("handshakesPerSecond").asDouble();
        row.add(
                "handshakes/s (upgrade → ready), " + concurrency + " clients, "
                        + gateway.get("peak").get("failures") + " failed",
                fmt(rate),
                "bare Spring WebSocket handler",
                fmt(bareRate),
                rate / bareRate,
                "≥ 0.5",
                rate / bareRate >= 0.5);
        double lifecycles = lifecycle == null ? Double.NaN : lifecycleRate(lifecycle, concurrency);
        row.add(
                "handshakes/s, " + concurrency + " clients",
                fmt(rate),
                "command-side lifecycles/s, " + concurrency + " callers",
                lifecycle == null ? "not measured (the lifecycle step did not run)" : fmt(lifecycles),
                rate / lifecycles,
                "≥ 0.8",
                lifecycle == null ? null : rate / lifecycles >= 0.8);
        for (String percentile : new String[] {"p50", "p99"}) {
            double ms = gateway.get("halfPeak").get(percentile + "Millis").asDouble();
            double bareMs = bare.get("halfPeak").get(percentile + "Millis").asDouble();
            boolean p99 = percentile.equals("p99");
            row.add(
                    "handshake " + percentile + " ms at half peak ("
                            + fmt(gateway.get("halfPeak")
                                    .get("handshakesPerSecond")
                                    .asDouble()) + "/s)",
                    fmt(ms),
                    "bare handler at half its peak",
                    fmt(bareMs),
                    ms / bareMs,
                    p99 ? "< 20 ms" : "—",
                    p99 ? ms < 20 : null);
        }
    }

    private void registry(JsonNode figures) {
        JsonNode floor = figures.get("RegistryBenchmark.selectOne");
        for (String name : new String[] {"RegistryBenchmark.findById", "RegistryBenchmark.readyOfUser"}) {
            JsonNode figure = figures.get(name);
            row.add(
                    name + " p99 µs",
                    fmt(figure.get("p99Micros").asDouble()),
                    "SELECT 1 p99 µs, same session",
                    fmt(floor.get("p99Micros").asDouble()),
                    figure.get("p99Micros").asDouble() / floor.get("p99Micros").asDouble(),
                    "≤ 100 µs",
                    figure.get("p99Micros").asDouble() <= 100);
            row.add(
                    name + " ops/s (p50 " + fmt(figure.get("p50Micros").asDouble()) + " µs)",
                    fmt(figure.get("opsPerSecond").asDouble()),
                    "SELECT 1 ops/s",
                    fmt(floor.get("opsPerSecond").asDouble()),
                    figure.get("opsPerSecond").asDouble()
                            / floor.get("opsPerSecond").asDouble(),
                    "—",
                    null);
        }
        for (String name : new String[] {"FrameCodecBenchmark.parseAuth", "FrameCodecBenchmark.writeReady"}) {
            JsonNode figure = figures.get(name);
            row.add(
                    name + " ops/s (p50 " + fmt(figure.get("p50Micros").asDouble()) + " µs, p99 "
                            + fmt(figure.get("p99Micros").asDouble()) + " µs)",
                    fmt(figure.get("opsPerSecond").asDouble()),
                    "— (a CPU baseline itself)",
                    "—",
                    Double.NaN,
                    "—",
                    null);
        }
    }

    /** Present from the run that added the benchmark on. */
    private void tokenCheck(JsonNode figures) {
        JsonNode verified = figures.get("TokenCheckBenchmark.everyUseVerified");
        JsonNode kept = figures.get("TokenCheckBenchmark.keptAfterItsFirstUse");
        if (verified == null || kept == null) {
            return;
        }
        row.add(
                "bearer token checks/s, one thread, the token kept after its first use (p50 "
                        + fmt(kept.get("p50Micros").asDouble()) + " µs)",
                fmt(kept.get("opsPerSecond").asDouble()),
                "every use verified: signature, parse, rules (p50 "
                        + fmt(verified.get("p50Micros").asDouble()) + " µs)",
                fmt(verified.get("opsPerSecond").asDouble()),
                kept.get("opsPerSecond").asDouble()
                        / verified.get("opsPerSecond").asDouble(),
                "—",
                null);
    }

    private static double lifecycleRate(JsonNode lifecycle, int callers) {
        for (JsonNode level : lifecycle.get("levels")) {
            if (level.get("callers").asInt() == callers) {
                return level.get("lifecyclesPerSecond").asDouble();
            }
        }
        throw new IllegalStateException("no lifecycle level with " + callers + " callers");
    }

    /** One row of the table. */
    interface Row {
        void add(
                String figure,
                String measured,
                String baseline,
                String baselineValue,
                double ratio,
                String target,
                Boolean met);
    }

    /** Rows as markdown into {@code out}, the ratio with {@code ratioDecimals} decimals. */
    static Row markdown(StringBuilder out, int ratioDecimals) {
        return (figure, measured, baseline, baselineValue, ratio, target, met) -> out.append(String.format(
                "| %s | %s | %s | %s | %s | %s | %s |%n",
                figure,
                measured,
                baseline,
                baselineValue,
                Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%." + ratioDecimals + "f", ratio),
                target,
                met == null ? "—" : met ? "yes" : "**no**"));
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }
}
