package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Report <run dir> <results/stamp>}: gathers what run.sh left in the run directory (jmh.json,
 * lifecycle.json, pgbench-N.txt, handshake-*.json, capacity-*.json, delivery-*.json, biglog.json, push-*.json,
 * batch.json, cold.json, upgrades-*.json, archive.json, archived-timeline.json, soak.json, machine.properties;
 * any but the last may be missing when a step ran alone) into {@code <stamp>.json} and the table {@code <stamp>.md},
 * each figure next to its baseline; with soak.json, its curve as {@code <stamp>-soak.svg}.
 */
public final class Report {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {}

    public static void main(String[] args) throws IOException {
        Path run = Path.of(args[0]);
        Path stamp = Path.of(args[1]);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("machine", machine(run.resolve("machine.properties")));
        if (Files.exists(run.resolve("jmh.json"))) {
            all.put(
                    "registryAndCodec",
                    Figures.jmh(JSON.readTree(run.resolve("jmh.json").toFile())));
        }
        if (Files.exists(run.resolve("lifecycle.json"))) {
            JsonNode lifecycle = JSON.readTree(run.resolve("lifecycle.json").toFile());
            all.put("lifecycle", lifecycle);
            Map<Integer, Double> pgbench = new LinkedHashMap<>();
            for (JsonNode level : lifecycle.get("levels")) {
                int clients = level.get("callers").asInt();
                pgbench.put(clients, tps(run.resolve("pgbench-" + clients + ".txt")));
            }
            all.put("pgbenchTps", pgbench);
        }
        // a step run.sh was not asked to run leaves no file, and its figures are left out
        for (String[] file : new String[][] {
            {"handshakeGateway", "handshake-gateway.json"},
            {"handshakeBare", "handshake-bare.json"},
            {"capacityGateway", "capacity-gateway.json"},
            {"capacityBare", "capacity-bare.json"},
            {"deliverySameNode", "delivery-same-node.json"},
            {"deliveryCrossNode", "delivery-cross-node.json"},
            {"deliveryBare", "delivery-bare.json"},
            {"biglog", "biglog.json"},
            {"pushNode", "push-node.json"},
            {"pushBare", "push-bare.json"},
            {"pushDurable", "push-durable.json"},
            {"batch", "batch.json"},
            {"cold", "cold.json"},
            {"upgradesLimited", "upgrades-limited.json"},
            {"upgradesUnlimited", "upgrades-unlimited.json"},
            {"archive", "archive.json"},
            {"archivedTimeline", "archived-timeline.json"},
            {"soak", "soak.json"}
        }) {
            if (Files.exists(run.resolve(file[1]))) {
                all.put(file[0], JSON.readTree(run.resolve(file[1]).toFile()));
            }
        }
        Files.createDirectories(stamp.toAbsolutePath().getParent());
        JSON.writeValue(Path.of(stamp + ".json").toFile(), all);
        String markdown = Table.markdown(JSON.valueToTree(all));
        if (all.containsKey("soak")) {
            // the curve next to the results, linked from the table by a path relative to it
            Path plot = Path.of(stamp + "-soak.svg");
            Files.writeString(plot, SoakPlot.svg((JsonNode) all.get("soak")));
            markdown += "\n![retention soak](" + plot.getFileName() + ")\n";
        }
        Files.writeString(Path.of(stamp + ".md"), markdown);
        System.out.println(Files.readString(Path.of(stamp + ".md")));
    }

    private static Map<String, String> machine(Path file) throws IOException {
        var properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> machine = new LinkedHashMap<>();
        for (String key : List.of("date", "nproc", "cpu", "memory", "jdk", "postgres", "os")) {
            machine.put(key, properties.getProperty(key, "?"));
        }
        return machine;
    }

    private static double tps(Path pgbenchOutput) throws IOException {
        // NaN when pgbench could not run this level (a shared server out of connections): shown as not measured
        Matcher matcher = TPS.matcher(Files.readString(pgbenchOutput));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
