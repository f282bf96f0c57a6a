package dev.switchboard.gateway.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP server standing in for an operator's agent backend: it verifies each request's signature the way the
 * README tells a backend to, and then does what the test asks of it (take the message and push its run, fail, be
 * slow). It can go down and come back on the same port.
 */
final class BackendStandIn implements AutoCloseable {

    /** What the backend does with a correctly signed request: the status it answers, and what it does after. */
    interface Behaviour {
        int answer(JsonNode message) throws Exception;

        /** Work after the answer has been sent, as a backend that takes a message and then runs it. */
        default void then(JsonNode message) throws Exception {}
    }

    /** A request as received: its body and whether its signature held. */
    record Received(JsonNode body, boolean signatureValid) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Exception> failures = new CopyOnWriteArrayList<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private volatile Behaviour behaviour = message -> 202;
    private HttpServer server;

    BackendStandIn(String secret) throws IOException {
        this.secret = secret;
        start(0);
        this.port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/messages";
    }

    void behave(Behaviour next) {
        this.behaviour = next;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Stops listening: a connection to its port is refused. */
    void down() {
        server.stop(0);
    }

    void up() throws IOException {
        start(port);
    }

    private void start(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
        server.setExecutor(handlers);
        server.createContext("/messages", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String body = new String(raw, StandardCharsets.UTF_8);
        boolean valid = verify(exchange.getRequestHeaders().getFirst("Switchboard-Signature"), body);
        received.add(new Received(JSON.readTree(body), valid));
        Behaviour current = behaviour;
        int status;
        try {
            status = valid ? current.answer(JSON.readTree(body)) : 401;
        } catch (Exception e) {
            status = 599;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
        if (status / 100 == 2) {
            try {
                current.then(JSON.readTree(body));
            } catch (Exception e) {
                failures.add(e);
            }
        }
    }

    /** What went wrong in the work after an answer; a test expects none. */
    List<Exception> failures() {
        return List.copyOf(failures);
    }

    /** What a backend does: recompute the HMAC of "t.body", compare in constant time, refuse an old timestamp. */
    private boolean verify(String header, String body) {
        if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
            return false;
        }
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        long age = Instant.now().getEpochSecond() - Long.parseLong(t);
        if (Math.abs(age) > Duration.ofMinutes(5).toSeconds()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
