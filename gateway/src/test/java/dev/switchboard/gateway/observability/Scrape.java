package dev.switchboard.gateway.observability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One scrape of {@code /actuator/prometheus}, read the way a Prometheus server would. */
record Scrape(List<String> lines) {

    static Scrape of(String body) {
        return new Scrape(body.lines().filter(line -> !line.startsWith("#")).toList());
    }

    /** The sum of the samples of this name whose labels include {@code labels}; -1 when there is none. */
    double value(String name, Map<String, String> labels) {
        List<String> samples = lines.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> labels.entrySet().stream()
                        .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .toList();
        if (samples.isEmpty()) {
            return -1;
        }
        return samples.stream()
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    double value(String name, String... labelPairs) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return value(name, labels);
    }

    boolean has(String namePrefix) {
        return lines.stream().anyMatch(line -> line.startsWith(namePrefix));
    }
}
