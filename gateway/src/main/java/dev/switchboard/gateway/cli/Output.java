package dev.switchboard.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.audit.log.EventLogFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How a command prints: a human table by default, JSON for scripts with {@code --json}. */
final class Output {

    private static final ObjectMapper JSON = EventLogFormat.objectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "print JSON for scripts instead of a table")
    boolean json;

    void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    /** A table cell: empty for what does not apply, rather than the word null. */
    static String cell(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A plain text table: columns as wide as their widest cell, a header underlined. */
    static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (int column = 0; column < header.size(); column++) {
            int width = header.get(column).length();
            for (List<String> row : rows) {
                width = Math.max(width, row.get(column).length());
            }
            widths.add(width);
        }
        out.println(line(header, widths));
        out.println(line(widths.stream().map("-"::repeat).toList(), widths));
        rows.forEach(row -> out.println(line(row, widths)));
    }

    private static String line(List<String> cells, List<Integer> widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            line.append(cell).append(" ".repeat(widths.get(column) - cell.length()));
            if (column < cells.size() - 1) {
                line.append("  ");
            }
        }
        return line.toString().stripTrailing();
    }
}
