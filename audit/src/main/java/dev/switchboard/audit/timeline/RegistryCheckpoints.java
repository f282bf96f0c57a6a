package dev.switchboard.audit.timeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.log.EventLogFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table {@code registry_checkpoint}: compact copies of the registry at known log positions. Each holds the rows
 * not CLOSED at its position and the rows that closed since the previous one, as gzipped JSON, so that making one
 * costs the events since the previous one and the registry at any position is the closed rows up to the nearest
 * checkpoint, its open rows, and the events after it.
 */
public final class RegistryCheckpoints {

    /** The open rows at a checkpoint's position. */
    record Checkpoint(long position, List<CheckpointRow> openRows) {}

    private static final TypeReference<List<CheckpointRow>> ROWS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = EventLogFormat.objectMapper();

    public RegistryCheckpoints(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The position of the newest checkpoint; 0 when there is none. */
    public long newestPosition() {
        Long position = jdbc.queryForObject("SELECT MAX(position) FROM registry_checkpoint", Long.class);
        return position == null ? 0 : position;
    }

    /** The newest checkpoint at or before {@code position}: one row, by the primary key. */
    Optional<Checkpoint> atOrBefore(long position) {
        return jdbc
                .query(
                        "SELECT position, open_rows FROM registry_checkpoint WHERE position <= ? "
                                + "ORDER BY position DESC LIMIT 1",
                        (row, n) -> new Checkpoint(row.getLong("position"), read(row.getBytes("open_rows"))),
                        position)
                .stream()
                .findFirst();
    }

    /** Every row that closed at or before the checkpoint at {@code position}, in no particular order. */
    List<CheckpointRow> closedUpTo(long position) {
        List<CheckpointRow> rows = new ArrayList<>();
        jdbc.query(
                "SELECT closed_rows FROM registry_checkpoint WHERE position <= ? ORDER BY position",
                row -> {
                    rows.addAll(read(row.getBytes("closed_rows")));
                },
                position);
        return rows;
    }

    /** Writes a checkpoint; one already at this position (another node made it) stays as it is. */
    void write(long position, List<CheckpointRow> open, List<CheckpointRow> closed) {
        jdbc.update(
                "INSERT INTO registry_checkpoint (position, open_rows, closed_rows, open_count, closed_count, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING",
                position,
                write(open),
                write(closed),
                open.size(),
                closed.size(),
                Timestamp.from(Instant.now()));
    }

    private byte[] write(List<CheckpointRow> rows) {
        var bytes = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(bytes)) {
            json.writeValue(gzip, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private List<CheckpointRow> read(byte[] gzipped) {
        try (var gzip = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return json.readValue(gzip, ROWS);
        } catch (IOException e) {
            throw new UncheckedIOException("a registry checkpoint could not be read", e);
        }
    }
}
