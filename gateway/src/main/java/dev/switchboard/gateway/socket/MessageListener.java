package dev.switchboard.gateway.socket;

import dev.switchboard.gateway.protocol.ClientFrame;

/** What the node does with a client's {@code message} frame; the demo agent answers. */
public interface MessageListener {

    /**
     * A message on a READY socket, within the length limit. Called under the socket's lock, in the order the client
     * sent them; the listener answers through the socket, with an {@code ack} or an {@code error}.
     */
    void message(ReadySocket socket, ClientFrame.Message message);
}
