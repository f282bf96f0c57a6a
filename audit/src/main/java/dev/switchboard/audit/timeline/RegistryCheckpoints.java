package dev.switchboard.audit.timeline;

import dev.switchboard.audit.log.BinaryResults;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The table {@code registry_checkpoint_packed} (migration V10): compact copies of the registry at known log positions.
 * Each holds the rows that closed since the previous checkpoint (a closed row never changes again) and, of the rows
 * still open, all of them ({@value #FULL_EVERY} checkpoints apart at most, by default) or only those that changed since the
 * previous one. So making one costs the events since the previous one plus the rows they changed, and reading one
 * costs the open rows of the nearest full one and the changes since, whatever the log's length. Rows are packed by
 * {@link CheckpointRowCodec}, each list in the order the connections were opened.
 */
public final class RegistryCheckpoints {

    /**
     * At most this many checkpoints follow a full one before the next full one. The ones between hold a few hundred
     * rows and ids where a full one holds every open row, so reading up to this many costs a fraction of reading the
     * full one, and the full ones are most of the table.
     */
    static final int FULL_EVERY = 50;

    private final JdbcTemplate jdbc;
    private final int fullEvery;

    public RegistryCheckpoints(DataSource dataSource) {
        this(dataSource, FULL_EVERY);
    }

    /** @param fullEvery full copies at most this many checkpoints apart: a test makes them close to cover several */
    public RegistryCheckpoints(DataSource dataSource, int fullEvery) {
        if (fullEvery < 1) {
            throw new IllegalArgumentException("every checkpoint at most is a full copy");
        }
        this.jdbc = new JdbcTemplate(dataSource);
        this.fullEvery = fullEvery;
    }

    int fullEvery() {
        return fullEvery;
    }

    /**
     * Whether the database has this version's checkpoints: the command line may read a database only a node of an
     * older version has migrated, and then replays from the beginning of the log instead.
     */
    public boolean inPlace() {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            try (var tables = connection.getMetaData().getTables(null, null, "registry_checkpoint_packed", null)) {
                return tables.next();
            }
        }));
    }

    /**
     * How many checkpoints a node of the previous version left in its table ({@code registry_checkpoint}, migration V9,
     * gzipped JSON): this version neither reads nor removes them.
     */
    public int ofThePreviousVersion() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM registry_checkpoint", Integer.class);
        return count == null ? 0 : count;
    }

    /** The position of the newest checkpoint; 0 when there is none. */
    public long newestPosition() {
        Long position = jdbc.queryForObject("SELECT MAX(position) FROM registry_checkpoint_packed", Long.class);
        return position == null ? 0 : position;
    }

    /** The position of the newest checkpoint at or before {@code position}: one probe of the primary key. */
    OptionalLong atOrBefore(long position) {
        Long found = jdbc.queryForObject(
                "SELECT MAX(position) FROM registry_checkpoint_packed WHERE position <= ?", Long.class, position);
        return found == null ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** How many checkpoints came after the newest full one; {@link #fullEvery()} when there is none. */
    int sinceFull() {
        Long full =
                jdbc.queryForObject("SELECT MAX(position) FROM registry_checkpoint_packed WHERE full_copy", Long.class);
        if (full == null) {
            return fullEvery;
        }
        Integer since = jdbc.queryForObject(
                "SELECT COUNT(*) FROM registry_checkpoint_packed WHERE position > ?", Integer.class, full);
        return since == null ? 0 : since;
    }

    /** The rows not CLOSED at the checkpoint at {@code position}, in the order the connections were opened. */
    List<CheckpointRow> openAt(long position) {
        Long full = jdbc.queryForObject(
                "SELECT MAX(position) FROM registry_checkpoint_packed WHERE full_copy AND position <= ?",
                Long.class,
                position);
        var open = new OpenRowsForward();
        jdbc.query(
                BinaryResults.statement(
                        "SELECT position, open_rows, closed_ids FROM registry_checkpoint_packed WHERE position >= ? "
                                + "AND position <= ? ORDER BY position",
                        full == null ? 0 : full,
                        position),
                (RowCallbackHandler) row -> {
                    List<CheckpointRow> rows = CheckpointRowCodec.unpack(row.getBytes("open_rows"));
                    if (full != null && row.getLong("position") == full) {
                        open.full(rows);
                    } else {
                        open.changed(rows, CheckpointRowCodec.unpackIds(row.getBytes("closed_ids")));
                    }
                });
        return open.rows();
    }

    /** Every row that closed at or before the checkpoint at {@code position}, in no particular order. */
    List<CheckpointRow> closedUpTo(long position) {
        List<CheckpointRow> rows = new ArrayList<>();
        jdbc.query(
                BinaryResults.statement(
                        "SELECT closed_rows FROM registry_checkpoint_packed WHERE position <= ? ORDER BY position",
                        position),
                (RowCallbackHandler) row -> {
                    rows.addAll(CheckpointRowCodec.unpack(row.getBytes("closed_rows")));
                });
        return rows;
    }

    /**
     * Writes a checkpoint; one already at this position (another node made it) stays as it is.
     *
     * @param previous the position of the checkpoint before this one (0 for the first)
     * @param open every open row when {@code full}, else those changed since the previous checkpoint
     * @param closed the rows that closed since the previous checkpoint
     */
    void write(long position, long previous, boolean full, List<CheckpointRow> open, List<CheckpointRow> closed) {
        List<String> wereOpen = closed.stream()
                .filter(row -> row.openedAt() <= previous)
                .map(row -> row.row().preliminaryId())
                .toList();
        jdbc.update(
                "INSERT INTO registry_checkpoint_packed (position, full_copy, open_rows, closed_rows, closed_ids, "
                        + "open_count, closed_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (position) DO NOTHING",
                position,
                full,
                CheckpointRowCodec.pack(open),
                CheckpointRowCodec.pack(closed),
                CheckpointRowCodec.packIds(wereOpen),
                open.size(),
                closed.size(),
                Timestamp.from(Instant.now()));
    }
}
