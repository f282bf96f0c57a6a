package dev.switchboard.gateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.connection.ConnectionState;
import dev.switchboard.api.connection.OpenConnection;
import dev.switchboard.command.connection.ConnectionCommands;
import dev.switchboard.gateway.SwitchboardApplication;
import dev.switchboard.query.registry.ConnectionRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A node with no datasource configured runs on the embedded H2 file under its data folder and keeps it on restart. */
class EmbeddedDefaultSmokeTest {

    @TempDir
    Path dataDir;

    @Test
    void runsOnTheEmbeddedDatabaseAndKeepsTheRegistryAcrossARestart() throws Exception {
        try (var node = start()) {
            assertThat(health(node)).contains("\"status\":\"UP\"");
            node.getBean(ConnectionCommands.class).send(new OpenConnection("embedded-1", "node-embedded"));
            assertThat(node.getBean(ConnectionRegistry.class)
                            .find("embedded-1")
                            .orElseThrow()
                            .state())
                    .isEqualTo(ConnectionState.OPENED);
        }
        assertThat(Files.list(dataDir))
                .anyMatch(file -> file.getFileName().toString().startsWith("switchboard"));

        try (var restarted = start()) {
            assertThat(restarted.getBean(ConnectionRegistry.class).find("embedded-1"))
                    .isPresent();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .properties("server.port=0", "switchboard.data-dir=" + dataDir)
                .run();
    }

    private static String health(ConfigurableApplicationContext node) throws Exception {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
