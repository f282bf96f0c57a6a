package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The soak's curves as one SVG, plain text, no library: one panel per figure (event table size, dead and live tuples,
 * push → frame p99, archive size), each against the run's seconds, its scale from 0 to the figure's maximum; dashed
 * lines mark the thirds the report compares.
 */
final class SoakPlot {

    private static final int WIDTH = 720;
    private static final int PANEL = 150;
    private static final int LEFT = 70;
    private static final int TOP = 30;
    private static final String[][] PANELS = {
        {"tableBytes", "event table, MB (table, TOAST, indexes)", "1e-6", "#1f77b4"},
        {
            "deadTuples",
            "dead (orange) and live (grey) tuples of the event table; ▲ a VACUUM by the harness",
            "1",
            "#ff7f0e"
        },
        {"p99Millis", "push → frame p99 of each interval, ms", "1", "#d62728"},
        {"archiveBytes", "archive directory, MB", "1e-6", "#2ca02c"}
    };

    private SoakPlot() {}

    static String svg(JsonNode soak) {
        JsonNode samples = soak.get("samples");
        double end = samples.get(samples.size() - 1).get("atSeconds").asDouble();
        var svg = new StringBuilder();
        int height = TOP + PANELS.length * (PANEL + 40);
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"18\" font-size=\"14\">Retention soak: %s pushes/s, %s connections/s"
                        + " churned, retention %s; x: seconds</text>%n",
                WIDTH,
                height,
                LEFT,
                soak.get("pushesPerSecond"),
                soak.get("churnsPerSecond"),
                soak.get("retention").asText()));
        for (int p = 0; p < PANELS.length; p++) {
            int top = TOP + p * (PANEL + 40) + 20;
            double scale = Double.parseDouble(PANELS[p][2]);
            double max = max(samples, PANELS[p][0], scale);
            if (PANELS[p][0].equals("deadTuples")) {
                max = Math.max(max, max(samples, "liveTuples", scale));
                line(svg, samples, "liveTuples", scale, max, end, top, "#999999");
                vacuums(svg, samples, end, top);
            }
            axes(svg, PANELS[p][1], top, max, end);
            thirds(svg, top);
            line(svg, samples, PANELS[p][0], scale, max, end, top, PANELS[p][3]);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void axes(StringBuilder svg, String title, int top, double max, double end) {
        int right = WIDTH - 20;
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\">%s</text>%n"
                        + "<polyline points=\"%d,%d %d,%d %d,%d\" fill=\"none\" stroke=\"black\"/>%n"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f</text>%n",
                LEFT,
                top - 6,
                title.replace("&", "&amp;"),
                LEFT,
                top,
                LEFT,
                top + PANEL,
                right,
                top + PANEL,
                LEFT - 4,
                top + 10,
                Table.fmt(max),
                LEFT - 4,
                top + PANEL,
                right,
                top + PANEL + 14,
                end));
    }

    /** A mark under each sample after which the harness vacuumed (a server without autovacuum). */
    private static void vacuums(StringBuilder svg, JsonNode samples, double end, int top) {
        for (JsonNode sample : samples) {
            if (sample.path("vacuumedByHarness").asBoolean()) {
                double x = LEFT + (WIDTH - 20 - LEFT) * sample.get("atSeconds").asDouble() / end;
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#ff7f0e\">▲</text>%n",
                        x,
                        top + PANEL + 14));
            }
        }
    }

    /** Dashed lines where the middle and the last third begin: the report compares their means. */
    private static void thirds(StringBuilder svg, int top) {
        for (int third = 1; third <= 2; third++) {
            double x = LEFT + (WIDTH - 20 - LEFT) * third / 3.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbbbbb\""
                            + " stroke-dasharray=\"4 4\"/>%n",
                    x,
                    top,
                    x,
                    top + PANEL));
        }
    }

    private static void line(
            StringBuilder svg,
            JsonNode samples,
            String field,
            double scale,
            double max,
            double end,
            int top,
            String colour) {
        svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                .append(colour)
                .append("\" points=\"");
        for (JsonNode sample : samples) {
            double x = LEFT + (WIDTH - 20 - LEFT) * sample.get("atSeconds").asDouble() / end;
            double y = top + PANEL - PANEL * sample.get(field).asDouble() * scale / (max == 0 ? 1 : max);
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        svg.append("\"/>\n");
    }

    private static double max(JsonNode samples, String field, double scale) {
        double max = 0;
        for (JsonNode sample : samples) {
            max = Math.max(max, sample.get(field).asDouble() * scale);
        }
        return max;
    }
}
