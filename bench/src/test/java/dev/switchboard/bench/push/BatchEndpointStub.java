package dev.switchboard.bench.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /api/events} as its contract says, and nothing else: each event gets the next seq of its user, answered
 * 202 {@code {"results":[{"userId","seq"}...]}}. Stands in for the node's batch endpoint, which this branch lacks.
 */
final class BatchEndpointStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Long> seqs = new HashMap<>();

    BatchEndpointStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/events", exchange -> {
            byte[] answer = answer(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private synchronized byte[] answer(JsonNode request) throws IOException {
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode event : request.get("events")) {
            String user = event.get("userId").asText();
            results.addObject().put("userId", user).put("seq", seqs.merge(user, 1L, Long::sum));
        }
        return JSON.writeValueAsString(Map.of("results", results)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
