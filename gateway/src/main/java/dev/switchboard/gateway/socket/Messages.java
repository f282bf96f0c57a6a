package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.agent.DemoAgent;
import dev.switchboard.gateway.availability.DatabaseAvailability;
import dev.switchboard.gateway.protocol.ClientFrame;
import dev.switchboard.gateway.protocol.ErrorCode;
import dev.switchboard.gateway.protocol.FrameCodec;
import org.springframework.stereotype.Component;

/**
 * Processes a {@code message} frame on a READY socket: one {@code ack}, then the demo agent's run. While the database
 * is down the run could not be logged, so the message is answered {@code unavailable} instead of acknowledged.
 */
@Component
class Messages {

    private final DemoAgent agent;
    private final FrameCodec codec;
    private final DatabaseAvailability database;
    private final int maxText;

    Messages(DemoAgent agent, FrameCodec codec, GatewayProperties properties, DatabaseAvailability database) {
        this.agent = agent;
        this.codec = codec;
        this.database = database;
        this.maxText = (int) properties.maxMessageText().toBytes();
    }

    /** Callers hold the session's lock and have checked that it is READY. */
    void process(SocketSession session, ClientFrame.Message message) {
        if (message.text().length() > maxText) {
            session.send(codec.error(
                    ErrorCode.TOO_LARGE, "the message text is longer than " + maxText + " characters", message.id()));
            return;
        }
        if (!database.isAvailable()) {
            session.send(codec.error(
                    ErrorCode.UNAVAILABLE,
                    "the server cannot store this message's run right now; it was not processed",
                    message.id()));
            return;
        }
        String runId = agent.newRunId();
        session.send(codec.ack(message.id(), runId));
        agent.run(session.userId(), runId, message.text());
    }
}
