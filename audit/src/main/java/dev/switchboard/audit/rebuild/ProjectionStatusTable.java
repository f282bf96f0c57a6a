package dev.switchboard.audit.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection's row in {@code projection_status}: how every node learns where a rebuild stands, and the guard that
 * keeps it to one at a time. The claim is a conditional update, so of two nodes asking at once the database lets one
 * through; a claim whose owner has written nothing for {@code staleAfter} (its node died) may be taken over.
 */
final class ProjectionStatusTable {

    private static final int MESSAGE_LENGTH = 4000;

    private final JdbcTemplate jdbc;
    private final String name;

    ProjectionStatusTable(JdbcTemplate jdbc, String name) {
        this.jdbc = jdbc;
        this.name = name;
    }

    /** Claims the rebuild for {@code owner}; false when another holds a live claim. */
    boolean claim(String owner, Instant now, Duration staleAfter) {
        return jdbc.update(
                        "UPDATE projection_status SET state = ?, owner = ?, position = 0, events_done = 0, "
                                + "events_total = 0, started_at = ?, finished_at = NULL, updated_at = ?, "
                                + "message = NULL "
                                + "WHERE name = ? AND (state NOT IN (?, ?) OR updated_at < ?)",
                        RebuildState.REBUILDING.name(),
                        owner,
                        timestamp(now),
                        timestamp(now),
                        name,
                        RebuildState.REBUILDING.name(),
                        RebuildState.VERIFYING.name(),
                        timestamp(now.minus(staleAfter)))
                == 1;
    }

    /** Records a run's status; false when its claim is no longer its own (taken over after it fell silent). */
    boolean write(RebuildStatus status) {
        String message = status.message();
        if (message != null && message.length() > MESSAGE_LENGTH) {
            message = message.substring(0, MESSAGE_LENGTH - 1) + "…";
        }
        return jdbc.update(
                        "UPDATE projection_status SET state = ?, position = ?, events_done = ?, events_total = ?, "
                                + "finished_at = ?, updated_at = ?, message = ? WHERE name = ? AND owner = ?",
                        status.state().name(),
                        status.position(),
                        status.eventsDone(),
                        status.eventsTotal(),
                        timestamp(status.finishedAt()),
                        timestamp(status.updatedAt()),
                        message,
                        name,
                        status.owner())
                == 1;
    }

    RebuildStatus read() {
        return jdbc.queryForObject(
                "SELECT state, position, events_done, events_total, started_at, finished_at, "
                        + "updated_at, owner, message FROM projection_status WHERE name = ?",
                this::status,
                name);
    }

    private RebuildStatus status(ResultSet row, int index) throws SQLException {
        return new RebuildStatus(
                name,
                RebuildState.valueOf(row.getString("state")),
                row.getLong("position"),
                row.getLong("events_done"),
                row.getLong("events_total"),
                instant(row.getTimestamp("started_at")),
                instant(row.getTimestamp("finished_at")),
                instant(row.getTimestamp("updated_at")),
                row.getString("owner"),
                row.getString("message"),
                null,
                null,
                List.of());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
