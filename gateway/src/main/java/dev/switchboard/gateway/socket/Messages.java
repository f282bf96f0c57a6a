package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.protocol.ClientFrame;
import dev.switchboard.gateway.protocol.ErrorCode;
import dev.switchboard.gateway.protocol.FrameCodec;
import org.springframework.stereotype.Component;

/**
 * Processes a {@code message} frame on a READY socket: a text longer than the limit is answered {@code too_large};
 * any other goes to the {@link MessageListener}, which answers it.
 */
@Component
class Messages {

    private final MessageListener listener;
    private final FrameCodec codec;
    private final int maxText;

    Messages(MessageListener listener, FrameCodec codec, GatewayProperties properties) {
        this.listener = listener;
        this.codec = codec;
        this.maxText = (int) properties.maxMessageText().toBytes();
    }

    /** Callers hold the session's lock and have checked that it is READY. */
    void process(ReadySocket socket, ClientFrame.Message message) {
        if (message.text().length() > maxText) {
            socket.send(codec.error(
                    ErrorCode.TOO_LARGE, "the message text is longer than " + maxText + " characters", message.id()));
            return;
        }
        listener.message(socket, message);
    }
}
