package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.agent.DemoAgent;
import dev.switchboard.gateway.protocol.ClientFrame;
import dev.switchboard.gateway.protocol.ErrorCode;
import dev.switchboard.gateway.protocol.FrameCodec;
import org.springframework.stereotype.Component;

/** Processes a {@code message} frame on a READY socket: one {@code ack}, then the demo agent's run. */
@Component
class Messages {

    private final DemoAgent agent;
    private final FrameCodec codec;
    private final int maxText;

    Messages(DemoAgent agent, FrameCodec codec, GatewayProperties properties) {
        this.agent = agent;
        this.codec = codec;
        this.maxText = (int) properties.maxMessageText().toBytes();
    }

    /** Callers hold the session's lock and have checked that it is READY. */
    void process(SocketSession session, ClientFrame.Message message) {
        if (message.text().length() > maxText) {
            session.send(codec.error(ErrorCode.TOO_LARGE,
                    "the message text is longer than " + maxText + " characters", message.id()));
            return;
        }
        String runId = agent.newRunId();
        session.send(codec.ack(message.id(), runId));
        agent.run(session.userId(), runId, message.text());
    }
}
