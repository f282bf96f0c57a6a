package dev.switchboard.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.support.PackagedJar;
import dev.switchboard.gateway.support.TestSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first thing a new user sees: {@code java -jar switchboard.jar} with nothing configured (the embedded database),
 * then Ctrl-C. Every line is one an operator can use, and none is a WARN, which would teach them to ignore WARNs.
 */
class StartLogProcessIT {

    private static final Pattern READY = Pattern.compile("node \\S+ ready on port (\\d+) .*, database (\\S+)$");
    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s");

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anEmbeddedNodeSaysWhereItIsAndHowToGetATokenAndStopsWithoutAWarning() throws Exception {
        Path log = PackagedJar.log("start-log-" + dataDir.getFileName());
        var builder = PackagedJar.command().redirectErrorStream(true).redirectOutput(log.toFile());
        Stream.of(
                        "SPRING_DATASOURCE_URL",
                        "SPRING_DATASOURCE_USERNAME",
                        "SPRING_DATASOURCE_PASSWORD",
                        "SWITCHBOARD_JWT_SECRET",
                        "SWITCHBOARD_JWT_JWKS_URI",
                        "SWITCHBOARD_NODE_ID")
                .forEach(builder.environment()::remove);
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put("SWITCHBOARD_DATA_DIR", dataDir.toString());
        Process node = builder.start();
        List<TestSocket> sockets = new ArrayList<>();
        try {
            await("the ready line in " + log.toAbsolutePath())
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("the node exited; see " + log.toAbsolutePath(), () -> !node.isAlive())
                    .until(() -> readyLine(log) != null);
            List<String> start = Files.readAllLines(log);
            Matcher ready = READY.matcher(readyLine(log));
            assertThat(ready.find()).isTrue();
            int port = Integer.parseInt(ready.group(1));

            assertThat(start).noneMatch(line -> WARN_OR_ERROR.matcher(line).find());
            assertThat(String.join("\n", start))
                    .contains("token --user alice")
                    .doesNotContain("AxonIQ Console", "XStream", "@AliasFor", "No active profile", "HikariPool");
            assertThat(ready.group(2)).isEqualTo("jdbc:h2:file:" + dataDir + "/switchboard");
            await("readiness at the port the log names")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> readiness(port) == 200);

            for (int i = 0; i < 5; i++) {
                sockets.add(TestSocket.connect(port));
                sockets.get(i).expect("welcome");
            }
            node.destroy();
            sockets.forEach(socket -> assertThat(socket.awaitClose()).isEqualTo(1001));
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
            List<String> all = Files.readAllLines(log);
            assertThat(all).noneMatch(line -> WARN_OR_ERROR.matcher(line).find());
            assertThat(all).anyMatch(line -> line.endsWith("drained 5 sockets"));
            assertThat(all).anyMatch(line -> line.endsWith("its lease is STOPPED"));
        } finally {
            sockets.forEach(TestSocket::abort);
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String readyLine(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> READY.matcher(line).find()).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int readiness(int port) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
