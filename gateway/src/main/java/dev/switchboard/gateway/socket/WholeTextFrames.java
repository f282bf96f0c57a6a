package dev.switchboard.gateway.socket;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.tomcat.websocket.Constants;
import org.apache.tomcat.websocket.WsRemoteEndpointBase;
import org.apache.tomcat.websocket.WsRemoteEndpointImplBase;
import org.springframework.stereotype.Component;

/**
 * Sends a text message as one WebSocket frame, however long.
 *
 * <p>Tomcat's {@code sendText} encodes a message through a per-socket buffer of its frame codec's buffer size (1 KB
 * here, to keep idle sockets small) and sends each buffer-full as a frame of its own: a 3 KB event reached the client
 * as a text frame and two continuations, which clients that do not reassemble fragments (some embedded and naive
 * ones) cannot read. Here the text is encoded to UTF-8 once and handed to Tomcat as one final text frame, the way it
 * sends a binary message: header and payload are written straight to the socket, through no buffer of the endpoint,
 * so no idle buffer grows, and the payload lives only as long as its write.
 *
 * <p>Tomcat offers no public call for that, so its own {@code startMessage} is reached through a method handle; the
 * node refuses to start when a Tomcat upgrade has moved it. It skips the endpoint's check that one message is sent at a
 * time, which holds anyway: a socket's {@link Outbox} is the only sender of its data frames, one write at a time.
 */
@Component
class WholeTextFrames {

    private final MethodHandle implementation;
    private final MethodHandle startMessage;

    WholeTextFrames() {
        try {
            implementation = MethodHandles.privateLookupIn(WsRemoteEndpointBase.class, MethodHandles.lookup())
                    .findGetter(WsRemoteEndpointBase.class, "base", WsRemoteEndpointImplBase.class);
            startMessage = MethodHandles.privateLookupIn(WsRemoteEndpointImplBase.class, MethodHandles.lookup())
                    .findVirtual(
                            WsRemoteEndpointImplBase.class,
                            "startMessage",
                            MethodType.methodType(
                                    void.class, byte.class, ByteBuffer.class, boolean.class, SendHandler.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "this Tomcat has no WsRemoteEndpointImplBase.startMessage(byte, ByteBuffer, boolean, SendHandler), "
                            + "through which a node sends each text message as one frame",
                    e);
        }
    }

    /**
     * Starts the write of {@code text} as one final text frame; {@code done} hears of its end, on a container thread
     * or on this one.
     *
     * @throws IllegalStateException when the socket is closed
     */
    void send(Session endpoint, String text, SendHandler done) {
        ByteBuffer payload = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try {
            var remote = (WsRemoteEndpointBase) endpoint.getAsyncRemote();
            var impl = (WsRemoteEndpointImplBase) implementation.invokeExact(remote);
            startMessage.invokeExact(impl, Constants.OPCODE_TEXT, payload, true, done);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("could not send a text frame", e);
        }
    }
}
