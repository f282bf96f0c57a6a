package dev.switchboard.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Real HTTP against a running node, as a client of the API would call it. */
public final class ApiClient {

    /** @param body the response body; an empty JSON object for an empty body */
    public record Response(
            int status, Optional<String> wwwAuthenticate, String raw, JsonNode body, HttpHeaders headers) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response postJson(String path, String token, String json) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** With extra request headers, e.g. {@code Idempotency-Key}. */
    public Response postJson(String path, String token, String json, Map<String, String> headers) {
        var request = request(path, token).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Answers when the server does: for a request that waits on the server while the test goes on. */
    public CompletableFuture<Response> postJsonAsync(String path, String token, String json) {
        var request = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(ApiClient::response);
    }

    /** Without a Content-Length: the body goes in chunks, so the server learns its size only by reading it. */
    public Response postJsonChunked(String path, String token, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    public Response post(String path, String token, String contentType, String body) {
        return send(request(path, token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request with an arbitrary Authorization header, or none when it is null. */
    public Response getWithAuthorization(String path, String authorization) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.GET());
    }

    private HttpRequest.Builder request(String path, String token) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            return response(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Response response(HttpResponse<String> response) {
        String raw = response.body();
        JsonNode body = raw.isBlank() ? JSON.createObjectNode() : parse(raw);
        return new Response(
                response.statusCode(),
                response.headers().firstValue("WWW-Authenticate"),
                raw,
                body,
                response.headers());
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return JSON.createObjectNode().put("unparsed", raw); // e.g. Prometheus text
        }
    }
}
