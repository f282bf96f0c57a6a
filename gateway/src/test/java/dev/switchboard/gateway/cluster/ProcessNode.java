package dev.switchboard.gateway.cluster;

import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.PackagedJar;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A node run as its own process from the packaged jar, as in production, on this test run's database, with short
 * lease settings. Its output goes to {@code target/process-nodes/<node id>.log}. Close it in a finally block: closing
 * kills whatever is still running.
 */
public final class ProcessNode implements AutoCloseable {

    static final Duration LEASE_DURATION = Duration.ofSeconds(4);
    static final Duration REAPER_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String nodeId;
    private final int port;
    private final Path log;
    private final Process process;

    private ProcessNode(String nodeId, int port, Path log, Process process) {
        this.nodeId = nodeId;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Launches the node without waiting for it: start several, then {@link #awaitReady()} each. */
    static ProcessNode launch(String name) {
        return launch(name, TestDatabase.shared(), Map.of());
    }

    /** Like {@link #launch(String)}, on {@code database}, with {@code environment} added to the node's. */
    public static ProcessNode launch(String name, TestDatabase database, Map<String, String> environment) {
        String nodeId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        int port = freePort();
        try {
            Path log = PackagedJar.log(nodeId);
            var builder = PackagedJar.command().redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment()
                    .putAll(Map.of(
                            "SERVER_PORT",
                            Integer.toString(port),
                            "SPRING_DATASOURCE_URL",
                            database.jdbcUrl(),
                            "SPRING_DATASOURCE_USERNAME",
                            database.username(),
                            "SPRING_DATASOURCE_PASSWORD",
                            database.password(),
                            "SWITCHBOARD_JWT_SECRET",
                            Tokens.SECRET,
                            "SWITCHBOARD_NODE_ID",
                            nodeId,
                            "SWITCHBOARD_CLUSTER_LEASE_DURATION",
                            LEASE_DURATION.toSeconds() + "s",
                            "SWITCHBOARD_CLUSTER_LEASE_RENEWAL",
                            "1s",
                            "SWITCHBOARD_CLUSTER_REAPER_INTERVAL",
                            REAPER_INTERVAL.toSeconds() + "s"));
            // every client of these tests connects from 127.0.0.1, and a crash test reconnects hundreds at once
            builder.environment().put("SWITCHBOARD_LIMITS_UPGRADE_BURST", Nodes.UNLIMITED_UPGRADES);
            builder.environment().putAll(environment);
            return new ProcessNode(nodeId, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until readiness answers 200; fails at once, pointing at the log, when the process dies first. */
    public ProcessNode awaitReady() {
        await("readiness of " + nodeId + " (log: " + log.toAbsolutePath() + ")")
                .atMost(STARTUP)
                .pollInterval(Duration.ofMillis(250))
                .failFast("node " + nodeId + " exited; see " + log.toAbsolutePath(), () -> !process.isAlive())
                .until(this::ready);
        return this;
    }

    public String nodeId() {
        return nodeId;
    }

    public int port() {
        return port;
    }

    /** The file the node's output goes to. */
    public Path log() {
        return log;
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook runs, no socket is closed, no lease is ended. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private boolean ready() {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
