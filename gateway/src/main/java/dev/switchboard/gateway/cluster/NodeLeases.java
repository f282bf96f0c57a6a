package dev.switchboard.gateway.cluster;

import dev.switchboard.gateway.cluster.NodeLease.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code node_lease} table. Every change is one conditional UPDATE, so the database decides each race: a renewal
 * and a claim of the same lease serialise on the row, and of several nodes claiming a dead node exactly one matches.
 * Times come from the nodes' clocks, which are assumed to agree to well within a lease duration (NTP).
 */
@Repository
public class NodeLeases {

    private static final String COLUMNS = "node_id, state, started_at, renewed_at, expires_at, reaped_by, reaped_at";
    /** A lease may be claimed once it expired, or again when its reaper took longer than a lease to finish. */
    private static final String CLAIMABLE =
            "expires_at < ? AND (state = 'ALIVE' OR (state = 'REAPING' " + "AND reaped_at < ?))";

    private final JdbcTemplate jdbc;

    NodeLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<NodeLease> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM node_lease ORDER BY node_id", NodeLeases::lease);
    }

    /** A fresh lease, also for a node id that was reaped or stopped before: a restarted node is a new life. */
    public void start(String nodeId, Instant now, Instant expiresAt) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (jdbc.update(
                            "UPDATE node_lease SET state = 'ALIVE', started_at = ?, renewed_at = ?, expires_at = ?, "
                                    + "reaped_by = NULL, reaped_at = NULL WHERE node_id = ?",
                            ts(now),
                            ts(now),
                            ts(expiresAt),
                            nodeId)
                    == 1) {
                return;
            }
            try {
                jdbc.update(
                        "INSERT INTO node_lease (node_id, state, started_at, renewed_at, expires_at) "
                                + "VALUES (?, 'ALIVE', ?, ?, ?)",
                        nodeId,
                        ts(now),
                        ts(now),
                        ts(expiresAt));
                return;
            } catch (DuplicateKeyException raced) {
                // another process with this id inserted first; the update on the next attempt takes the row
            }
        }
        throw new IllegalStateException("could not start the lease of node " + nodeId);
    }

    /** @return false when the lease is no longer ALIVE: the node was given up for dead (or stopped) meanwhile */
    public boolean renew(String nodeId, Instant now, Instant expiresAt) {
        return jdbc.update(
                        "UPDATE node_lease SET renewed_at = ?, expires_at = ? WHERE node_id = ? AND state = 'ALIVE'",
                        ts(now),
                        ts(expiresAt),
                        nodeId)
                == 1;
    }

    /** Ends the lease of a node that drained cleanly, so nobody reaps it. */
    public boolean stop(String nodeId, Instant now) {
        return jdbc.update(
                        "UPDATE node_lease SET state = 'STOPPED', renewed_at = ?, expires_at = ? "
                                + "WHERE node_id = ? AND state = 'ALIVE'",
                        ts(now),
                        ts(now),
                        nodeId)
                == 1;
    }

    /** Leases another node may claim now: expired, or abandoned mid-reaping for longer than {@code reaperGrace}. */
    public List<NodeLease> claimable(Instant now, Duration reaperGrace, String except) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM node_lease WHERE node_id <> ? AND " + CLAIMABLE + " ORDER BY expires_at",
                NodeLeases::lease,
                except,
                ts(now),
                ts(now.minus(reaperGrace)));
    }

    /** @return true for exactly one of any number of nodes claiming the same lease at once */
    public boolean claim(String nodeId, String reaper, Instant now, Duration reaperGrace) {
        return jdbc.update(
                        "UPDATE node_lease SET state = 'REAPING', reaped_by = ?, reaped_at = ? WHERE node_id = ? "
                                + "AND " + CLAIMABLE,
                        reaper,
                        ts(now),
                        nodeId,
                        ts(now),
                        ts(now.minus(reaperGrace)))
                == 1;
    }

    /** Done reaping; a node that came back with the same id meanwhile keeps its fresh lease. */
    public void reaped(String nodeId, String reaper, Instant now) {
        jdbc.update(
                "UPDATE node_lease SET state = 'REAPED', reaped_at = ? WHERE node_id = ? AND state = 'REAPING' "
                        + "AND reaped_by = ?",
                ts(now),
                nodeId,
                reaper);
    }

    private static NodeLease lease(ResultSet row, int index) throws SQLException {
        return new NodeLease(
                row.getString("node_id"),
                State.valueOf(row.getString("state")),
                instant(row.getTimestamp("started_at")),
                instant(row.getTimestamp("renewed_at")),
                instant(row.getTimestamp("expires_at")),
                row.getString("reaped_by"),
                instant(row.getTimestamp("reaped_at")));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
