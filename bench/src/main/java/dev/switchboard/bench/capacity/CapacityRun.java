package dev.switchboard.bench.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code CapacityRun <ws uri> <server pid> <out.json> <levels, e.g. 1000,5000,18000> [settle seconds]}: the live heap
 * and resident memory a server spends per idle READY socket. Measures the server with no socket, then opens sockets
 * level by level from {@link IdleClient} processes (at most {@value IdleClients#PER_PROCESS} each, below the
 * per-process file limit), waits until they are idle (the auth timers of the last handshakes have fired), and
 * measures again: per socket = (heap at N − heap at 0) / N. The histogram difference at each level says where the
 * bytes go.
 */
public final class CapacityRun {

    private static final int TOP = 40;

    private CapacityRun() {}

    public static void main(String[] args) throws Exception {
        int[] levels = Arrays.stream(args[3].split(","))
                .mapToInt(Integer::parseInt)
                .filter(n -> n > 0)
                .toArray();
        Duration settle = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 12);
        try (var clients = IdleClients.processes(URI.create(args[0]))) {
            run(Long.parseLong(args[1]), Path.of(args[2]), levels, settle, clients);
        }
        System.exit(0);
    }

    public static Map<String, Object> run(long pid, Path out, int[] levels, Duration settle, IdleClients clients)
            throws Exception {
        HeapProbe.Histogram zero = HeapProbe.liveHeap(pid);
        long zeroRss = HeapProbe.rssBytes(pid);
        List<Map<String, Object>> measured = new ArrayList<>();
        for (int level : levels) {
            clients.growTo(level);
            Thread.sleep(settle.toMillis());
            HeapProbe.Histogram heap = HeapProbe.liveHeap(pid);
            long rss = HeapProbe.rssBytes(pid);
            int ready = clients.ready();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("connections", level);
            row.put("ready", ready);
            row.put("failed", clients.failed());
            row.put("heapBytes", heap.totalBytes());
            row.put("rssBytes", rss);
            row.put(
                    "heapBytesPerConnection",
                    ready == 0 ? 0 : (double) (heap.totalBytes() - zero.totalBytes()) / ready);
            row.put("rssBytesPerConnection", ready == 0 ? 0 : (double) (rss - zeroRss) / ready);
            row.put("top", top(zero, heap, ready));
            System.out.printf(
                    "capacity pid=%d connections=%d ready=%d heap/conn=%.0f B rss/conn=%.0f B%n",
                    pid, level, ready, row.get("heapBytesPerConnection"), row.get("rssBytesPerConnection"));
            measured.add(row);
            write(out, zero, zeroRss, measured); // after each level, so a run cut short keeps what it measured
        }
        return write(out, zero, zeroRss, measured);
    }

    private static Map<String, Object> write(
            Path out, HeapProbe.Histogram zero, long zeroRss, List<Map<String, Object>> measured)
            throws java.io.IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("baselineHeapBytes", zero.totalBytes());
        result.put("baselineRssBytes", zeroRss);
        result.put("levels", measured);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        return result;
    }

    /** The classes whose live bytes grew the most, per connection. */
    private static List<Map<String, Object>> top(HeapProbe.Histogram zero, HeapProbe.Histogram now, int ready) {
        List<Map<String, Object>> rows = new ArrayList<>();
        now.byClass().entrySet().stream()
                .map(e -> {
                    long[] before = zero.byClass().getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - before[0], e.getValue()[1] - before[1]});
                })
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(TOP)
                .forEach(e -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("class", e.getKey());
                    row.put("bytesPerConnection", (double) e.getValue()[0] / Math.max(ready, 1));
                    row.put("instancesPerConnection", (double) e.getValue()[1] / Math.max(ready, 1));
                    rows.add(row);
                });
        return rows;
    }
}
