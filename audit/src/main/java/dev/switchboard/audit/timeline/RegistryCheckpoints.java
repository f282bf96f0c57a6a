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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table {@code registry_checkpoint}: compact copies of the registry at known log positions. Each holds the rows
 * that closed since the previous checkpoint (a closed row never changes again) and, of the rows still open, all of
 * them ({@value #FULL_EVERY} checkpoints apart at most) or only those that changed since the previous one. So making
 * one costs the events since the previous one plus the rows they changed, and reading one costs the open rows of the
 * nearest full one and the changes since, whatever the log's length.
 */
public final class RegistryCheckpoints {

    /** At most this many checkpoints follow a full one before the next full one. */
    static final int FULL_EVERY = 10;

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

    /** The position of the newest checkpoint at or before {@code position}: one probe of the primary key. */
    OptionalLong atOrBefore(long position) {
        Long found = jdbc.queryForObject(
                "SELECT MAX(position) FROM registry_checkpoint WHERE position <= ?", Long.class, position);
        return found == null ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** How many checkpoints came after the newest full one; {@value #FULL_EVERY} when there is none. */
    int sinceFull() {
        Long full = jdbc.queryForObject("SELECT MAX(position) FROM registry_checkpoint WHERE full_copy", Long.class);
        if (full == null) {
            return FULL_EVERY;
        }
        Integer since =
                jdbc.queryForObject("SELECT COUNT(*) FROM registry_checkpoint WHERE position > ?", Integer.class, full);
        return since == null ? 0 : since;
    }

    /** The rows not CLOSED at the checkpoint at {@code position}, in no particular order. */
    List<CheckpointRow> openAt(long position) {
        Long full = jdbc.queryForObject(
                "SELECT MAX(position) FROM registry_checkpoint WHERE full_copy AND position <= ?",
                Long.class,
                position);
        Map<String, CheckpointRow> open = new LinkedHashMap<>();
        jdbc.query(
                "SELECT open_rows, closed_rows FROM registry_checkpoint WHERE position >= ? AND position <= ? "
                        + "ORDER BY position",
                row -> {
                    read(row.getBytes("open_rows")).forEach(changed -> open.put(key(changed), changed));
                    read(row.getBytes("closed_rows")).forEach(closed -> open.remove(key(closed)));
                },
                full == null ? 0 : full,
                position);
        return new ArrayList<>(open.values());
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

    /**
     * Writes a checkpoint; one already at this position (another node made it) stays as it is.
     *
     * @param open every open row when {@code full}, else those changed since the previous checkpoint
     */
    void write(long position, boolean full, List<CheckpointRow> open, List<CheckpointRow> closed) {
        jdbc.update(
                "INSERT INTO registry_checkpoint (position, full_copy, open_rows, closed_rows, open_count, "
                        + "closed_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING",
                position,
                full,
                write(open),
                write(closed),
                open.size(),
                closed.size(),
                Timestamp.from(Instant.now()));
    }

    private static String key(CheckpointRow row) {
        return row.row().preliminaryId();
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
