package dev.switchboard.bench.biglog;

import dev.switchboard.api.connection.AuthenticateConnection;
import dev.switchboard.api.connection.CloseConnection;
import dev.switchboard.api.connection.CloseReason;
import dev.switchboard.api.connection.MarkConnectionReady;
import dev.switchboard.api.connection.MigrateConnectionId;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.command.connection.ConnectionRejectedException;
import dev.switchboard.command.feed.AgentEvents;
import java.time.Instant;
import java.util.Map;

/**
 * A short scripted log written through the real command side: the reference {@link LogGenerator}'s rows are compared
 * with. Each step is one the generator also writes: a complete lifecycle, a connection left READY, one left OPENED,
 * agent events, a refusal in a connection's stream and a refusal of an id that has no stream.
 */
public final class CommandSideSample {

    static final Instant TOKEN_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

    private CommandSideSample() {}

    /** Drives the script; the ids are fixed so the generator's script can name the same streams. */
    public static void drive(ConnectionCommands commands, AgentEvents agentEvents, String node) throws Exception {
        lifecycle(commands, node, "pre_1", "conn_1", "user-1", true);
        lifecycle(commands, node, "pre_2", "conn_2", "user-2", false);
        agentEvents.append("user-2", "run-1", "agent_started", Map.of("step", 1), null);
        commands.send(new OpenConnection("pre_3", node, "10.0.0.3"));
        expectRefusal(() -> commands.send(new AuthenticateConnection("pre_1", "user-1", TOKEN_EXPIRY)));
        expectRefusal(() -> commands.send(new MarkConnectionReady("pre_unknown")));
        agentEvents.append("user-2", "run-1", "agent_completed", Map.of("step", 2), null);
    }

    private static void lifecycle(
            ConnectionCommands commands, String node, String id, String finalId, String user, boolean close)
            throws Exception {
        commands.send(new OpenConnection(id, node, "10.0.0.1"));
        commands.send(new AuthenticateConnection(id, user, TOKEN_EXPIRY));
        commands.send(new MigrateConnectionId(id, finalId));
        commands.send(new MarkConnectionReady(id));
        if (close) {
            commands.send(new CloseConnection(id, CloseReason.CLIENT_CLOSED, "bye", node));
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void expectRefusal(Step step) throws Exception {
        try {
            step.run();
        } catch (ConnectionRejectedException expected) {
            return;
        }
        throw new IllegalStateException("the command side accepted a command the sample expects it to refuse");
    }
}
