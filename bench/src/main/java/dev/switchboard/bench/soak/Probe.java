package dev.switchboard.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a sample reads outside the load: the event table's size on disk and its live and dead tuples as PostgreSQL's
 * statistics report them, the archive directory's bytes and segments, and the node's {@code switchboard_retention_*}
 * metrics from its Prometheus endpoint. On a server whose autovacuum is off it stands in for it: when the dead tuples
 * pass autovacuum's own threshold (50 + 0.2 × live, the defaults) it runs a plain {@code VACUUM} of the table.
 */
final class Probe implements AutoCloseable {

    private static final String TABLE_SQL = "SELECT pg_total_relation_size('domain_event_entry'), s.n_live_tup,"
            + " s.n_dead_tup, s.autovacuum_count, (SELECT COUNT(*) FROM domain_event_entry)"
            + " FROM pg_stat_user_tables s WHERE s.relname = 'domain_event_entry'";

    private final Connection connection;
    private final Path archive;
    private final HttpClient http;
    private final HttpRequest metrics;

    Probe(String jdbcUrl, Path archive, HttpClient http, URI base, String adminToken) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl);
        this.archive = archive;
        this.http = http;
        this.metrics = HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken)
                .build();
    }

    /** Whether the server's autovacuum is on; when it is not, {@link #table} vacuums as it would. */
    boolean autovacuum() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW autovacuum")) {
            row.next();
            return row.getString(1).equals("on");
        }
    }

    void table(Map<String, Object> sample, boolean autovacuum) throws SQLException {
        long live;
        long dead;
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(TABLE_SQL)) {
            row.next();
            live = row.getLong(2);
            dead = row.getLong(3);
            sample.put("tableBytes", row.getLong(1));
            sample.put("liveTuples", live);
            sample.put("deadTuples", dead);
            sample.put("autovacuums", row.getLong(4));
            sample.put("rows", row.getLong(5));
        }
        boolean vacuum = !autovacuum && dead > 50 + 0.2 * live;
        sample.put("vacuumedByHarness", vacuum);
        if (vacuum) {
            long started = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM domain_event_entry");
            }
            sample.put("vacuumMillis", (System.nanoTime() - started) / 1e6);
        }
    }

    void archive(Map<String, Object> sample) throws IOException {
        long bytes = 0;
        long segments = 0;
        if (Files.isDirectory(archive)) {
            try (Stream<Path> files = Files.walk(archive)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    bytes += Files.size(file);
                    segments += file.toString().matches(".*\\.jsonl\\.(gz|zst)") ? 1 : 0;
                }
            }
        }
        sample.put("archiveBytes", bytes);
        sample.put("archiveSegments", segments);
    }

    /** {@code switchboard_retention_*} by name (labels included), as numbers. */
    Map<String, Double> retentionMetrics() throws IOException, InterruptedException {
        Map<String, Double> retention = new TreeMap<>();
        HttpResponse<String> answer = http.send(metrics, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("/actuator/prometheus answered " + answer.statusCode() + " " + answer.body());
        }
        answer.body()
                .lines()
                .filter(line -> line.startsWith("switchboard_retention_"))
                .forEach(line -> {
                    int space = line.lastIndexOf(' ');
                    retention.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                });
        return retention;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
