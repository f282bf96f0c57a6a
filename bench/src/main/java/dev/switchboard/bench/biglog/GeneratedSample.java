package dev.switchboard.bench.biglog;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.RejectionCode;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/** {@link CommandSideSample}'s script, step for step, written by the generator instead of the command side. */
public final class GeneratedSample {

    private GeneratedSample() {}

    public static void write(DataSource dataSource, String node) throws SQLException, IOException {
        LogGenerator.write(
                dataSource,
                (log, random) -> {
                    lifecycle(log, node, "pre_1", "conn_1", "user-1", true);
                    lifecycle(log, node, "pre_2", "conn_2", "user-2", false);
                    log.agentEvent("user-2", "run-1", "agent_started", Map.of("step", 1));
                    log.open("pre_3", node, "10.0.0.3");
                    log.refuse(
                            new AuthenticateConnection("pre_1", "user-1", CommandSideSample.TOKEN_EXPIRY),
                            ConnectionState.CLOSED,
                            RejectionCode.CONNECTION_CLOSED,
                            "the connection is closed");
                    log.refuseUnknown(new MarkConnectionReady("pre_unknown"));
                    log.agentEvent("user-2", "run-1", "agent_completed", Map.of("step", 2));
                },
                1,
                2);
    }

    private static void lifecycle(LogWriter log, String node, String id, String finalId, String user, boolean close) {
        log.open(id, node, "10.0.0.1");
        log.authenticate(id, user, CommandSideSample.TOKEN_EXPIRY);
        log.migrate(id, finalId, user);
        log.ready(id, finalId);
        if (close) {
            log.close(id, ConnectionState.READY, CloseReason.CLIENT_CLOSED, "bye", node);
        }
    }
}
