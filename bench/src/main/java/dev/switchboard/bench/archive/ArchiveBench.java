package dev.switchboard.bench.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.archive.Archive;
import dev.switchboard.audit.archive.ArchivedRow;
import dev.switchboard.audit.retention.ArchiveListener;
import dev.switchboard.audit.retention.ArchiveResult;
import dev.switchboard.audit.retention.ArchiveSettings;
import dev.switchboard.audit.retention.Archiver;
import dev.switchboard.audit.retention.RetentionCutoffs;
import dev.switchboard.bench.BenchDatabase;
import dev.switchboard.bench.biglog.LogGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The archive's cost on a generated log (the big-log mix of lifecycles and feed events): the archive command's write
 * phase (finding the rows, writing, syncing and verifying segments) next to {@code COPY (SELECT ...) TO STDOUT} of the
 * same rows, and its delete phase next to a plain batched {@code DELETE} of the same rows (put back first, with their
 * positions); and the bytes on disk, table plus indexes, of a feed event and of a lifecycle. Arguments: the result file,
 * the log's events, and optionally the archive's writer threads (default: {@code ArchiveSettings.DEFAULTS}).
 */
public final class ArchiveBench {

    private static final int DELETE_BATCH = ArchiveSettings.DEFAULTS.deleteBatch();

    private ArchiveBench() {}

    public static void main(String[] args) throws Exception {
        Path result = Path.of(args[0]);
        long events = Long.parseLong(args[1]);
        ArchiveSettings settings = args.length > 2
                ? ArchiveSettings.DEFAULTS.withWriters(Integer.parseInt(args[2]))
                : ArchiveSettings.DEFAULTS;
        Path directory = Files.createTempDirectory("switchboard-archive-bench");
        Map<String, Object> figures = new LinkedHashMap<>();
        try (BenchDatabase database = BenchDatabase.create()) {
            DataSource dataSource = database.dataSource();
            figures.put("events", LogGenerator.fill(dataSource, events, 14).events());
            figures.putAll(DiskBytes.measure(dataSource));

            var phases = new Phases();
            long started = System.nanoTime();
            ArchiveResult archived =
                    new Archiver(dataSource, directory, settings, phases).run(RetentionCutoffs.both(Instant.now()));
            double total = (System.nanoTime() - started) / 1e9;
            figures.put("archivedRows", archived.archived());
            figures.put("segments", archived.segments());
            figures.put("writers", settings.writers());
            figures.put("archiveSeconds", total);
            figures.put("archiveWriteSeconds", total - phases.deleteSeconds);
            figures.put("archiveDeleteSeconds", phases.deleteSeconds);
            figures.put("segmentBytes", segmentBytes(directory));

            List<ArchivedRow> rows;
            try (Stream<ArchivedRow> read = Archive.at(directory).rows()) {
                rows = read.toList();
            }
            try (Connection connection = dataSource.getConnection()) {
                Baselines.putBack(connection, rows);
                figures.put("copyToSeconds", Baselines.copyOut(connection, 2));
                figures.put("plainDeleteSeconds", Baselines.batchedDelete(connection, rows, DELETE_BATCH));
            }
        } finally {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(result.toFile(), figures);
        System.out.println("archive " + figures);
    }

    private static long segmentBytes(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            long bytes = 0;
            for (Path file : files.filter(f -> f.toString().matches(".*\\.jsonl\\.(gz|zst)"))
                    .toList()) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }

    /** Time from each segment's manifest to its last delete: the run's delete phase. */
    private static final class Phases implements ArchiveListener {
        private long manifestAt;
        private double deleteSeconds;

        @Override
        public void reached(Point point) {
            if (point == Point.MANIFEST_WRITTEN) {
                manifestAt = System.nanoTime();
            } else if (point == Point.SEGMENT_PURGED) {
                deleteSeconds += (System.nanoTime() - manifestAt) / 1e9;
            }
        }
    }

    /** Discards what COPY writes, as a dump to /dev/null would. */
    static final class Discard extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static PGConnection pg(Connection connection) throws SQLException {
        return connection.unwrap(PGConnection.class);
    }
}
