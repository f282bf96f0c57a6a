package dev.switchboard.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.node.NodeIdentity;
import dev.switchboard.gateway.support.Nodes;
import dev.switchboard.gateway.support.TestSocket;
import dev.switchboard.gateway.support.Tokens;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;

/**
 * With {@code switchboard.log-format=json} each connection event is one JSON line on the {@code switchboard.lifecycle}
 * logger, with the ids an engineer on call greps for, and no token. Logging is one per JVM: the node of this test
 * initialises it as JSON, and it is put back to the plain default afterwards for the tests that follow.
 */
@ExtendWith(OutputCaptureExtension.class)
class LifecycleLogIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    /**
     * Boot keeps the format in a system property that outlives the node, and a running context never re-initialises
     * logging: without this every later test in the JVM would log JSON.
     */
    @AfterEach
    void restorePlainLogging(CapturedOutput output) {
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        logging.cleanUp();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
        LoggerFactory.getLogger(LifecycleLogIT.class).info("logging is plain again");
        assertThat(output.getOut().lines().filter(line -> line.contains("logging is plain again")))
                .isNotEmpty()
                .noneMatch(line -> line.startsWith("{"));
    }

    @Test
    void eachLifecycleEventIsOneJsonLineWithItsIdsAndNoToken(CapturedOutput output) {
        String alice = Tokens.newUserId();
        String token = Tokens.user(alice);
        logging.cleanUp(); // another test's node may have initialised logging; this node must do it again, as JSON
        String preliminaryId;
        String finalId;
        String nodeId;
        try (var node = Nodes.node().properties("switchboard.log-format=json").run()) {
            int port = node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            nodeId = node.getBean(NodeIdentity.class).id();
            try (TestSocket socket = TestSocket.connect(port)) {
                preliminaryId = socket.expect("welcome").path("connectionId").asText();
                socket.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
                finalId = socket.expect("ready").path("connectionId").asText();
            }
            await().atMost(TestSocket.WAIT)
                    .until(() -> linesOf(output, preliminaryId).containsKey("ConnectionClosed"));
        }

        Map<String, List<JsonNode>> lines = linesOf(output, preliminaryId);
        assertThat(lines.keySet())
                .containsExactlyInAnyOrder(
                        "ConnectionOpened",
                        "ConnectionAuthenticated",
                        "ConnectionIdMigrated",
                        "FinalIdClaimed",
                        "ConnectionMarkedReady",
                        "ConnectionClosed");
        assertThat(lines.values())
                .allSatisfy(each -> assertThat(each).as("one line per event").hasSize(1));
        lines.values().stream().map(each -> each.get(0)).forEach(line -> {
            assertThat(line.path("nodeId").asText()).isEqualTo(nodeId);
            assertThat(line.path("eventId").asText()).isNotBlank();
            assertThat(line.path("aggregateSequence").isMissingNode()).isFalse();
        });
        assertThat(lines.get("ConnectionAuthenticated").get(0).path("userId").asText())
                .isEqualTo(alice);
        JsonNode closed = lines.get("ConnectionClosed").get(0);
        assertThat(closed.path("userId").asText()).isEqualTo(alice);
        assertThat(closed.path("finalId").asText()).isEqualTo(finalId);
        assertThat(closed.path("reason").asText()).isEqualTo("CLIENT_CLOSED");
        assertThat(output.getAll()).doesNotContain(token, token.substring(token.lastIndexOf('.') + 1));
    }

    /** The lifecycle lines of one connection, by event type; lines that are not JSON are someone else's. */
    private static Map<String, List<JsonNode>> linesOf(CapturedOutput output, String connectionId) {
        return output.getOut()
                .lines()
                .filter(line -> line.startsWith("{"))
                .map(LifecycleLogIT::parse)
                .filter(line -> connectionId.equals(line.path("connectionId").asText()))
                .collect(Collectors.groupingBy(line -> line.path("eventType").asText()));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
