package dev.switchboard.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Tokens and the secret never reach the log, even with security and web logging at DEBUG, the level an engineer
 * turns on while chasing an authentication problem: neither on the HTTP API nor in the WebSocket's {@code auth} frames.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsIT extends ApiIntegrationTest {

    /** Set here and reset after, not as properties: levels are global, and would leak into every later test. */
    private static final List<String> LOGGERS =
            List.of("org.springframework.security", "org.springframework.web", "dev.switchboard");

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void logAtDebug() {
        LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
    }

    @AfterEach
    void restoreLogLevels() {
        LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
    }

    @Test
    void neitherARefusedNorAnAcceptedRequestLogsTheTokenOrTheSecret(CapturedOutput output) throws Exception {
        String alice = Tokens.newUserId();
        String connection = ready(alice);
        String accepted = Tokens.user(alice);
        String publisher = Tokens.publisher();
        List<String> refused = List.of(
                Tokens.expired(alice), Tokens.signedWithOtherKey(alice), Tokens.withoutSub(), Tokens.algNone(alice));

        assertThat(api.get("/api/connections/" + connection, accepted).status()).isEqualTo(200);
        assertThat(api.postJson(
                                "/api/users/" + alice + "/events",
                                publisher,
                                "{\"runId\":\"r\",\"event\":\"agent_started\"}")
                        .status())
                .isEqualTo(202);
        assertThat(api.postJson("/api/users/" + alice + "/events", accepted, "{}")
                        .status())
                .isEqualTo(403);
        for (String token : refused) {
            assertThat(api.get("/api/connections", token).status()).isEqualTo(401);
        }

        assertThat(output.getAll())
                .as("DEBUG logging was on for these requests")
                .contains("/api/connections/" + connection);
        assertThat(output.getAll()).doesNotContain(Tokens.SECRET, "generated security password");
        for (String token :
                Stream.concat(Stream.of(accepted, publisher), refused.stream()).toList()) {
            assertThat(output.getAll()).doesNotContain(token);
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (!signature.isEmpty()) { // alg none has none
                assertThat(output.getAll()).doesNotContain(signature);
            }
        }
    }

    @Test
    void neitherARefusedNorAnAcceptedAuthFrameLogsItsToken(CapturedOutput output) {
        String alice = Tokens.newUserId();
        String refused = Tokens.expired(alice);
        String accepted = Tokens.user(alice);

        try (TestSocket socket = TestSocket.connect(port)) {
            socket.expect("welcome");
            socket.send(auth(refused));
            assertThat(socket.awaitClose()).isEqualTo(4001);
        }
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.authenticate(accepted);
            socket.send(auth(accepted)); // a refresh: the other way a token reaches the node
            socket.expect("ready");
        }

        assertThat(output.getAll()).as("DEBUG logging was on for these sockets").contains("4001");
        for (String token : List.of(refused, accepted)) {
            assertThat(output.getAll()).doesNotContain(token, token.substring(token.lastIndexOf('.') + 1));
        }
    }

    private static String auth(String token) {
        return "{\"type\":\"auth\",\"token\":\"" + token + "\"}";
    }
}
