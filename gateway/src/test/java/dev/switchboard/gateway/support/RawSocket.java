package dev.switchboard.gateway.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that does the upgrade by hand and then does only what the test says: it never answers pings and
 * never reads unless asked. It stands for a dead or stalled client, which a well-behaved client library cannot play,
 * and for a naive one that reads frames off the wire and does not reassemble fragments.
 */
public final class RawSocket implements AutoCloseable {

    private static final int CONTINUATION = 0x0;
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    /** One frame as it came off the wire. */
    public record Frame(boolean fin, int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    }

    /** Upgrades to a WebSocket on {@code /ws}; the response headers are read, nothing after them. */
    public static RawSocket upgrade(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        Head head = request(socket, port, Map.of());
        if (head.status() != 101) {
            socket.close();
            throw new IOException("the upgrade was refused with " + head.status());
        }
        return new RawSocket(socket);
    }

    /** The status line's code and the headers of an upgrade's answer (names in lower case). */
    public record Head(int status, Map<String, String> headers) {}

    /**
     * Asks for an upgrade with the extra headers, reads the answer's head, and hangs up at once without a close frame:
     * what a client flooding the node with upgrades does.
     */
    public static Head upgradeAndDrop(int port, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            return request(socket, port, headers);
        }
    }

    private static Head request(Socket socket, int port, Map<String, String> headers) throws IOException {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder request = new StringBuilder("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        return head(socket.getInputStream());
    }

    /** Reads up to the blank line that ends the head, and not a byte further. */
    private static Head head(InputStream in) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the server closed during the upgrade");
            }
            text.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        String[] lines = text.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                fields.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Head(Integer.parseInt(lines[0].split(" ")[1]), fields);
    }

    /** Sends one masked text frame, as a client must. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    /** Reads the next frame, whatever it is; the server never masks. */
    public Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((second & 0x80) != 0) {
            throw new AssertionError("the server masked a frame");
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0f, payload);
    }

    /**
     * The next message's text, as a client that does not reassemble fragments reads it: it must come as one final
     * text frame. Control frames (the server's pings) are skipped.
     *
     * @throws AssertionError on a continuation frame, a text frame without FIN, or a close
     */
    public String readWholeText() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == CLOSE) {
                throw new AssertionError("the server closed the socket: " + frame.text());
            }
            if (frame.opcode() > CLOSE) {
                continue;
            }
            if (frame.opcode() == CONTINUATION) {
                throw new AssertionError("a continuation frame of " + frame.payload().length + " bytes");
            }
            if (frame.opcode() != TEXT || !frame.fin()) {
                throw new AssertionError("a message of opcode " + frame.opcode() + " in parts: its first frame of "
                        + frame.payload().length + " bytes has no FIN");
            }
            return frame.text();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
