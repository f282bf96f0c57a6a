package dev.switchboard.bench.capacity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads another JVM's live heap and resident memory: {@code jcmd <pid> GC.class_histogram} runs a full GC and
 * lists only live objects, so its total is the live heap and its rows say where it goes; VmRSS comes from
 * {@code /proc/<pid>/status}.
 */
final class HeapProbe {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    /** A histogram: bytes and instances by class name, and the total. */
    record Histogram(long totalBytes, Map<String, long[]> byClass) {}

    private HeapProbe() {}

    static Histogram liveHeap(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run"); // a first full GC, so the histogram's own GC finds little left to free
        String out = jcmd(pid, "GC.class_histogram");
        Map<String, long[]> byClass = new LinkedHashMap<>();
        long total = -1;
        for (String line : out.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                byClass.put(row.group(3), new long[] {Long.parseLong(row.group(2)), Long.parseLong(row.group(1))});
            }
            Matcher sum = TOTAL.matcher(line.trim());
            if (sum.matches()) {
                total = Long.parseLong(sum.group(2));
            }
        }
        if (total < 0) {
            throw new IllegalStateException("jcmd printed no histogram for " + pid + ": " + out);
        }
        return new Histogram(total, byClass);
    }

    static long rssBytes(long pid) throws IOException {
        Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
        return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(jcmd, Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
