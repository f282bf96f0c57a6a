package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.gateway.SwitchboardApplication;
import dev.switchboard.gateway.rest.ApiClient;
import dev.switchboard.gateway.support.TestDatabase;
import dev.switchboard.gateway.support.Tokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Where a starting node gets the key it checks tokens with, and when it refuses to start without one. */
@ExtendWith(OutputCaptureExtension.class)
class SigningSecretStartupTest {

    @TempDir
    Path dataDir;

    @Test
    void onTheEmbeddedDatabaseASecretIsGeneratedOnceAndKeptAcrossRestarts(CapturedOutput output) throws Exception {
        Path secretFile = dataDir.resolve("jwt-secret");
        String secret;
        try (var node = start("switchboard.data-dir=" + dataDir)) {
            secret = Files.readString(secretFile);
        }
        assertThat(secret.getBytes()).hasSizeGreaterThanOrEqualTo(32);
        if (Files.getFileStore(secretFile).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)))
                    .isEqualTo("rw-------");
        }

        try (var restarted = start("switchboard.data-dir=" + dataDir)) {
            assertThat(Files.readString(secretFile)).isEqualTo(secret);
            String token = mintWithTokenCommand(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString()), "alice");
            var answer = client(restarted).get("/api/connections", token);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("connections").isArray()).isTrue();
        }
        assertThat(output.getAll())
                .contains("SWITCHBOARD_DATA_DIR=" + dataDir + " java -jar gateway/target/switchboard.jar token --user")
                .doesNotContain(secret);
    }

    @Test
    void onPostgresqlWithoutASecretTheNodeRefusesToStartAndSaysWhatIsMissing() {
        assertThatThrownBy(() -> start(postgres()).close())
                .rootCause()
                .hasMessageContaining("SWITCHBOARD_JWT_SECRET is not set")
                .hasMessageContaining("SWITCHBOARD_JWT_JWKS_URI");
    }

    @Test
    void aSecretShorterThan32BytesIsRefusedWithoutBeingQuoted(CapturedOutput output) {
        String shortSecret = "only-twenty-six-bytes-long";
        var properties = new ArrayList<>(postgres());
        properties.add("switchboard.jwt.secret=" + shortSecret);

        assertThatThrownBy(() -> start(properties).close())
                .rootCause()
                .hasMessageContaining("SWITCHBOARD_JWT_SECRET")
                .hasMessageContaining("is 26 bytes long")
                .hasMessageContaining("at least 32 bytes")
                .message()
                .doesNotContain(shortSecret);
        assertThat(output.getAll()).doesNotContain(shortSecret);
    }

    @Test
    void onPostgresqlAJwksUriAloneIsEnoughAndThenOnlyItsRs256TokensAreAccepted() throws Exception {
        try (var issuer = new LocalJwks()) {
            var properties = new ArrayList<>(postgres());
            properties.add("switchboard.jwt.jwks-uri=" + issuer.uri());
            try (var node = start(properties)) {
                assertThat(client(node)
                                .get("/api/connections", issuer.token("grace", null))
                                .status())
                        .isEqualTo(200);
                assertThat(client(node)
                                .get("/api/connections", Tokens.user("grace"))
                                .status())
                        .isEqualTo(401);
            }
        }
    }

    private static List<String> postgres() {
        TestDatabase database = TestDatabase.shared();
        return List.of(
                "spring.datasource.url=" + database.jdbcUrl(),
                "spring.datasource.username=" + database.username(),
                "spring.datasource.password=" + database.password());
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return start(List.of(properties));
    }

    /**
     * Starts a node with these settings as command-line arguments, which outrank the environment: a
     * SWITCHBOARD_JWT_SECRET set where the tests run cannot change what they see. Without a secret among them, the
     * secret is explicitly empty.
     */
    private static ConfigurableApplicationContext start(List<String> properties) {
        var arguments = new ArrayList<String>();
        properties.forEach(property -> arguments.add("--" + property));
        if (properties.stream().noneMatch(property -> property.startsWith("switchboard.jwt.secret="))) {
            arguments.add("--switchboard.jwt.secret=");
        }
        arguments.add("--server.port=0");
        return new SpringApplicationBuilder(SwitchboardApplication.class).run(arguments.toArray(String[]::new));
    }

    private static ApiClient client(ConfigurableApplicationContext node) {
        return new ApiClient(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    private static String mintWithTokenCommand(Map<String, String> environment, String user) {
        var out = new StringWriter();
        int exitCode = TokenCommand.run(
                environment,
                Clock.systemUTC(),
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                "--user",
                user);
        assertThat(exitCode).isZero();
        return out.toString().strip();
    }
}
