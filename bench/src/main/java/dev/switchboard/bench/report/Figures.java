package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads JMH's JSON result: per benchmark, ops/s from the throughput mode and percentiles from the sample mode. */
final class Figures {

    private Figures() {}

    /** {@code "RegistryBenchmark.findById" -> {opsPerSecond, p50Micros, p99Micros}}. */
    static Map<String, Map<String, Double>> jmh(JsonNode results) {
        Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
        for (JsonNode result : results) {
            String name = result.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            var figure = figures.computeIfAbsent(name, n -> new LinkedHashMap<>());
            JsonNode metric = result.get("primaryMetric");
            if (result.get("mode").asText().equals("thrpt")) {
                figure.put("opsPerSecond", metric.get("score").asDouble() * perSecond(metric));
            } else {
                JsonNode percentiles = metric.get("scorePercentiles");
                figure.put("p50Micros", percentiles.get("50.0").asDouble());
                figure.put("p99Micros", percentiles.get("99.0").asDouble());
            }
        }
        return figures;
    }

    private static double perSecond(JsonNode metric) {
        return switch (metric.get("scoreUnit").asText()) {
            case "ops/us" -> 1e6;
            case "ops/ms" -> 1e3;
            default -> 1;
        };
    }
}
