package dev.switchboard.gateway.agent;

import dev.switchboard.command.feed.FeedOverloadedException;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import dev.switchboard.gateway.protocol.ClientFrame;
import dev.switchboard.gateway.protocol.ErrorCode;
import dev.switchboard.gateway.protocol.FrameCodec;
import dev.switchboard.gateway.socket.MessageListener;
import dev.switchboard.gateway.socket.ReadySocket;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Answers a client's {@code message} with one {@code ack} naming the demo agent's run, then starts the run. Every
 * message gets an answer, never silence: {@code no_agent} when the operator switched the demo agent off, {@code busy}
 * when it has as many runs in progress as it may, {@code unavailable} while the database is down (the run could not be
 * logged). When the feed refuses one of the run's events later (the writer is overloaded, or the database failed), the
 * run stops and the message is answered again, with an {@code error} naming the event that was not appended.
 */
@Component
@Conditional(AgentBackendCondition.NotConfigured.class)
class AgentMessages implements MessageListener {

    private final DemoAgent agent;
    private final FrameCodec codec;
    private final DatabaseAvailability database;
    private final boolean enabled;

    AgentMessages(DemoAgent agent, FrameCodec codec, DatabaseAvailability database, DemoAgentProperties properties) {
        this.agent = agent;
        this.codec = codec;
        this.database = database;
        this.enabled = properties.enabled();
    }

    @Override
    public void message(ReadySocket socket, ClientFrame.Message message) {
        if (!enabled) {
            socket.send(codec.error(
                    ErrorCode.NO_AGENT,
                    "no agent answers messages on this server; the message was not processed",
                    message.id()));
            return;
        }
        if (!database.isAvailable()) {
            socket.send(codec.error(
                    ErrorCode.UNAVAILABLE,
                    "the server cannot store this message's run right now; it was not processed",
                    message.id()));
            return;
        }
        if (!agent.admit()) {
            socket.send(codec.error(
                    ErrorCode.BUSY,
                    "the agent has as many runs in progress as it may take; send the message again later",
                    message.id()));
            return;
        }
        String runId = agent.newRunId();
        socket.send(codec.ack(message.id(), runId));
        agent.run(
                socket.userId(),
                runId,
                message.text(),
                refusal -> socket.whileReady(() -> socket.send(refused(refusal, message))));
    }

    private String refused(DemoAgent.Refusal refusal, ClientFrame.Message message) {
        boolean overloaded = refusal.failure() instanceof FeedOverloadedException;
        return codec.error(
                overloaded ? ErrorCode.OVERLOADED : ErrorCode.UNAVAILABLE,
                "run " + refusal.runId() + " stopped: its " + refusal.kind().wire() + " event was not stored"
                        + (overloaded ? " because the server is overloaded" : "")
                        + "; send the message again later",
                message.id());
    }
}
