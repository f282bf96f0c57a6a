package dev.switchboard.bench.registry;

import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.bench.BenchDatabase;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The READY check a delivery makes: find a connection by either id, and a user's READY connections. One session held
 * open (no pool), so the figure is the query and its round trip to PostgreSQL, not connection set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RegistryBenchmark {

    static final int USERS = 500;
    static final int CONNECTIONS_PER_USER = 8;

    private BenchDatabase database;
    private SingleConnectionDataSource connection;
    private ConnectionRegistry registry;
    private JdbcTemplate jdbc;

    @Setup(Level.Trial)
    public void createRegistry() {
        database = BenchDatabase.create();
        connection = new SingleConnectionDataSource(database.jdbcUrl(), database.user(), database.password(), true);
        jdbc = new JdbcTemplate(connection);
        fill(jdbc);
        jdbc.execute("ANALYZE connection_registry");
        registry = new ConnectionRegistry(jdbc);
    }

    @TearDown(Level.Trial)
    public void dropDatabase() {
        connection.destroy();
        database.close();
    }

    /** Half the lookups by preliminary id, half by final id: the OR in the query must serve both from an index. */
    /** The floor under both queries: one round trip to PostgreSQL on the same session, doing nothing. */
    @Benchmark
    public Object selectOne() {
        return jdbc.queryForObject("SELECT 1", Integer.class);
    }

    @Benchmark
    public Object findById() {
        var random = ThreadLocalRandom.current();
        String id = connectionId(random.nextInt(USERS), random.nextInt(CONNECTIONS_PER_USER));
        return registry.find(random.nextBoolean() ? id : id + "-final");
    }

    @Benchmark
    public Object readyOfUser() {
        return registry.ofUser(userId(ThreadLocalRandom.current().nextInt(USERS)), ConnectionState.READY);
    }

    /** A few thousand rows, most READY, the rest closed, as a node's registry looks after some churn. */
    private static void fill(JdbcTemplate jdbc) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        long position = 0;
        for (int user = 0; user < USERS; user++) {
            for (int n = 0; n < CONNECTIONS_PER_USER; n++) {
                boolean ready = n < CONNECTIONS_PER_USER * 3 / 4;
                String id = connectionId(user, n);
                rows.add(new Object[] {
                    id,
                    id + "-final",
                    userId(user),
                    "bench-node-" + (user % 4),
                    ready ? "READY" : "CLOSED",
                    now,
                    now,
                    now,
                    ready ? null : now,
                    ready ? null : "CLIENT_CLOSED",
                    ++position
                });
            }
        }
        jdbc.batchUpdate(
                "INSERT INTO connection_registry (preliminary_id, final_id, user_id, node_id, state, "
                        + "opened_at, authenticated_at, ready_at, closed_at, close_reason, last_position) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
    }

    private static String connectionId(int user, int n) {
        return "pre_" + user + "_" + n;
    }

    private static String userId(int user) {
        return "user-" + user;
    }
}
