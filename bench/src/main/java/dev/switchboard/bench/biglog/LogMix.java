package dev.switchboard.bench.biglog;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.RejectionCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The mix a busy deployment's log holds, interleaved as concurrent sockets interleave it: up to {@value #IN_FLIGHT}
 * connections under way at once on four nodes, most living a whole lifecycle (open, authenticate, migrate, ready,
 * close), some left READY or OPENED (still open when the log ends), some closed by the auth timeout; agent events
 * for users; now and then a token refresh, a command refused by a closed connection, and one for an id with no stream.
 * Roughly 6.5 log rows per connection, about 15 % of them feed events.
 */
final class LogMix {

    static final int IN_FLIGHT = 48;
    private static final Instant EXPIRY = Instant.parse("2099-01-01T00:00:00Z");
    private static final String[] KINDS = {"agent_started", "agent_progress", "agent_progress", "agent_completed"};

    private static final class Live {
        final String id;
        final String user;
        final String node;
        final int fate;
        ConnectionState state = ConnectionState.OPENED;
        String finalId;
        boolean refreshed;

        Live(String id, String user, String node, int fate) {
            this.id = id;
            this.user = user;
            this.node = node;
            this.fate = fate;
        }
    }

    private final LogWriter log;
    private final Random random;
    private final int users;
    private final List<Live> live = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();

    LogMix(LogWriter log, Random random, int users) {
        this.log = log;
        this.random = random;
        this.users = users;
    }

    /** Writes one command's worth of rows (one or two). */
    void step() {
        double r = random.nextDouble();
        if (live.isEmpty() || (live.size() < IN_FLIGHT && r < 0.22)) {
            open();
        } else if (r < 0.37) {
            String user = "user-" + random.nextInt(users);
            log.agentEvent(
                    user,
                    "run_" + random.nextInt(1_000_000),
                    KINDS[random.nextInt(KINDS.length)],
                    Map.of("text", "step " + random.nextInt(100)));
        } else if (r < 0.385 && !closed.isEmpty()) {
            String id = closed.get(random.nextInt(closed.size()));
            log.refuse(
                    new AuthenticateConnection(id, "user-0", EXPIRY),
                    ConnectionState.CLOSED,
                    RejectionCode.CONNECTION_CLOSED,
                    "the connection is closed");
        } else if (r < 0.39) {
            log.refuseUnknown(new MarkConnectionReady("pre_" + log.uuid()));
        } else {
            advance(live.get(random.nextInt(live.size())));
        }
    }

    private void open() {
        var connection = new Live(
                "pre_" + log.uuid(), "user-" + random.nextInt(users), "node-" + random.nextInt(4), random.nextInt(100));
        log.open(connection.id, connection.node, "10.0." + random.nextInt(256) + "." + random.nextInt(256));
        live.add(connection);
        if (connection.fate == 0) {
            live.remove(connection); // left OPENED: its client is still to send auth when the log ends
        }
    }

    private void advance(Live connection) {
        switch (connection.state) {
            case OPENED -> {
                if (connection.fate <= 3) {
                    close(connection, CloseReason.AUTH_TIMEOUT);
                } else {
                    log.authenticate(connection.id, connection.user, EXPIRY);
                    connection.state = ConnectionState.AUTHENTICATED;
                }
            }
            case AUTHENTICATED -> {
                if (connection.finalId == null) {
                    connection.finalId = "conn_" + log.uuid();
                    log.migrate(connection.id, connection.finalId, connection.user);
                } else {
                    log.ready(connection.id, connection.finalId);
                    connection.state = ConnectionState.READY;
                }
            }
            case READY -> {
                if (connection.fate >= 92) {
                    live.remove(connection); // left READY: still open when the log ends
                } else if (connection.fate >= 88 && !connection.refreshed) {
                    log.refreshToken(connection.id, EXPIRY);
                    connection.refreshed = true;
                } else {
                    close(connection, connection.refreshed ? CloseReason.HEARTBEAT_TIMEOUT : CloseReason.CLIENT_CLOSED);
                }
            }
            default -> throw new IllegalStateException("a closed connection is not in flight");
        }
    }

    private void close(Live connection, CloseReason reason) {
        log.close(
                connection.id,
                connection.state,
                reason,
                reason == CloseReason.CLIENT_CLOSED ? null : "generated",
                connection.node);
        live.remove(connection);
        closed.add(connection.id);
    }
}
