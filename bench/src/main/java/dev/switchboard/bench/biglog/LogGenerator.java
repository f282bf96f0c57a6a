package dev.switchboard.bench.biglog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Random;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Fills a freshly migrated database with a log of a given size and the live registry it implies, with COPY: minutes
 * of command-side traffic written in seconds. The rows are those the command side writes ({@link LogWriter}); a seed
 * always writes the same log.
 */
public final class LogGenerator {

    /** What was written, and how long PostgreSQL took to take it. */
    public record Written(long events, int connections, int users, double seconds) {}

    private static final int FLUSH_CHARS = 4 << 20;
    static final Instant START = Instant.parse("2026-01-05T08:00:00.123456789Z");

    private LogGenerator() {}

    /** About {@code events} rows (a command's rows are never split) from the mix of {@link LogMix}. */
    public static Written fill(DataSource dataSource, long events, long seed) throws SQLException, IOException {
        int users = (int) Math.max(10, events / 60);
        return write(
                dataSource,
                (writer, random) -> {
                    var mix = new LogMix(writer, random, users);
                    while (writer.position() < events) {
                        mix.step();
                    }
                },
                seed,
                users);
    }

    interface Script {
        void write(LogWriter writer, Random random);
    }

    static Written write(DataSource dataSource, Script script, long seed, int users) throws SQLException, IOException {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            CopyIn events = copy.copyIn(EventRows.copyStatement());
            var out = new StringBuilder(FLUSH_CHARS + (64 << 10));
            var random = new Random(seed);
            var writer = new LogWriter(random, out, START, () -> flush(events, out, FLUSH_CHARS));
            script.write(writer, random);
            flush(events, out, 0);
            events.endCopy();
            CopyIn registry = copy.copyIn(RegistryRows.copyStatement());
            writer.registry().writeTo(out, () -> flush(registry, out, FLUSH_CHARS));
            flush(registry, out, 0);
            registry.endCopy();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), "
                        + Math.max(1, writer.position()) + ")");
            }
            connection.commit();
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("VACUUM ANALYZE domain_event_entry");
                statement.execute("VACUUM ANALYZE connection_registry");
            }
            return new Written(writer.position(), writer.registry().size(), users, (System.nanoTime() - started) / 1e9);
        }
    }

    private static void flush(CopyIn copy, StringBuilder out, int above) {
        if (out.length() <= above) {
            return;
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
        out.setLength(0);
    }
}
