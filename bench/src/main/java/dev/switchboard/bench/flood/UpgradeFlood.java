package dev.switchboard.bench.flood;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code UpgradeFlood <port> <jdbc url> <out.json> <seconds> <clients> <rate> <burst>}, where {@code rate} and
 * {@code burst} are the node's upgrade limits per address, for the record: {@code clients} threads upgrade to
 * {@code ws://127.0.0.1:<port>/ws} and hang up as soon as the answer's head has arrived, without a frame or a close,
 * back to back for {@code seconds} (and at most {@link #MAX_UPGRADES} in all): an anonymous client flooding the node
 * from one address. Then, once the node has recorded the close of every socket it let through, how much the log grew:
 * event rows and their bytes, and the event and registry tables' size on disk with their indexes.
 */
public final class UpgradeFlood {

    private static final long MAX_UPGRADES = 200_000;
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final String REQUEST = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    private UpgradeFlood() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String jdbcUrl = args[1];
        Path out = Path.of(args[2]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
        int clients = Integer.parseInt(args[4]);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", duration.toSeconds());
        result.put("clients", clients);
        result.put("upgradesPerSecond", Long.parseLong(args[5]));
        result.put("upgradeBurst", Long.parseLong(args[6]));
        try (Connection database = DriverManager.getConnection(jdbcUrl)) {
            LogSize before = LogSize.of(database);
            Map<Integer, AtomicLong> answers = flood(port, duration, clients);
            LogSize after = LogSize.settled(database, SETTLE);
            Map<String, Long> byStatus = new LinkedHashMap<>();
            answers.forEach((status, count) -> byStatus.put(Integer.toString(status), count.get()));
            result.put("answers", byStatus);
            result.put("log", after.minus(before));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
            System.out.println("upgrade flood: " + result);
        }
    }

    /** Answers by HTTP status; -1 counts upgrades that failed before an answer. */
    private static Map<Integer, AtomicLong> flood(int port, Duration duration, int clients)
            throws InterruptedException {
        Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
        AtomicLong started = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline && started.incrementAndGet() <= MAX_UPGRADES) {
                    answers.computeIfAbsent(upgradeAndDrop(port), status -> new AtomicLong())
                            .incrementAndGet();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return answers;
    }

    private static int upgradeAndDrop(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] status = new byte[12]; // "HTTP/1.1 101"
            int read = 0;
            while (read < status.length) {
                int n = in.read(status, read, status.length - read);
                if (n < 0) {
                    return -1;
                }
                read += n;
            }
            return Integer.parseInt(new String(status, 9, 3, StandardCharsets.US_ASCII));
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
